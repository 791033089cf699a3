/**
 * Summaries per node type and per table, and the details panel's attribute
 * groups, on captured plans.
 */
import { describe, expect, it } from 'vitest'
import { attributeGroupOf, groupAttributes } from '@shared/explain/model/attribute-groups'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { summarizeByNodeType, summarizeByTable } from '@shared/explain/analyse/plan-summaries'
import { fixture, fixturePairs, parsed, preorder } from './support/fixtures'

describe('summary per node type', () => {
  it('adds up every node once, most time first, and the shares add up to the plan', () => {
    for (const { name, json } of fixturePairs()) {
      const nodes = planMetrics(parsed(json))
      const summary = summarizeByNodeType(nodes)
      expect(summary.reduce((n, s) => n + s.count, 0), name).toBe(nodes.length)
      const own = nodes.reduce((sum, f) => sum + (f.exclusiveMs ?? 0), 0)
      expect(summary.reduce((sum, s) => sum + (s.exclusiveMs ?? 0), 0), name).toBeCloseTo(own, 6)
      for (let i = 1; i < summary.length; i++) expect(summary[i - 1]!.exclusiveMs ?? -1, name).toBeGreaterThanOrEqual(summary[i]!.exclusiveMs ?? -1)
    }
  })

  it('keeps parallel scans apart from serial ones', () => {
    const summary = summarizeByNodeType(planMetrics(parsed(fixture('pg18-parallel-gather', 'json'))))
    expect(summary.map((s) => s.nodeType)).toContain('Parallel Seq Scan')
  })
})

describe('summary per table', () => {
  it('lists each table read, how, and the rows its filters threw away', () => {
    const plan = parsed(fixture('pg18-seq-scan-filter', 'json'))
    const nodes = planMetrics(plan)
    const scan = nodes.find((f) => f.node.rowsRemovedByFilter !== null)!
    const summary = summarizeByTable(nodes)
    const table = summary.find((s) => s.table.endsWith(scan.node.relation!))!
    expect(table.accessPaths[0]).toContain('Seq Scan')
    expect(table.rowsRemoved).toBe(scan.node.rowsRemovedByFilter! * scan.node.loops!)
    expect(table.rowsReturned).toBe(scan.actualRowsTotal)
  })

  it('names every relation of the plan once', () => {
    for (const { name, json } of fixturePairs()) {
      const plan = parsed(json)
      const relations = new Set(preorder(plan.root).flatMap((n) => (n.relation ? [n.schema ? `${n.schema}.${n.relation}` : n.relation] : [])))
      expect(new Set(summarizeByTable(planMetrics(plan)).map((s) => s.table)), name).toEqual(relations)
    }
  })
})

describe('attribute groups', () => {
  it('puts every attribute captured from PostgreSQL 15 and 18 in a named group, none in Other', () => {
    const stray = new Set<string>()
    for (const { json } of fixturePairs()) {
      for (const node of preorder(parsed(json).root)) for (const key of Object.keys(node.attributes)) if (attributeGroupOf(key) === 'Other') stray.add(key)
    }
    expect([...stray]).toEqual([])
  })

  it('keeps an unknown attribute, under Other', () => {
    const groups = groupAttributes({ 'Node Type': 'Seq Scan', 'Shared Read Blocks': 3, 'Frobnication Level': 9, Output: [] })
    expect(groups.groups).toEqual([
      { group: 'Node', entries: [['Node Type', 'Seq Scan']] },
      { group: 'Buffers and I/O', entries: [['Shared Read Blocks', 3]] },
      { group: 'Other', entries: [['Frobnication Level', 9]] }
    ])
  })

  it('leaves the counters at zero out of the groups and names them apart, but keeps the zeros that say something', () => {
    const { groups, zeroCounters } = groupAttributes({
      'Node Type': 'Seq Scan',
      'Actual Rows': 0,
      'Actual Loops': 1,
      'Shared Hit Blocks': 12,
      'Shared Read Blocks': 0,
      'Temp Written Blocks': 0,
      'Rows Removed by Filter': 0,
      'Workers Launched': 0
    })
    const shown = groups.flatMap((g) => g.entries.map(([key]) => key))
    expect(shown).toEqual(['Node Type', 'Actual Rows', 'Actual Loops', 'Shared Hit Blocks', 'Workers Launched'])
    expect(zeroCounters).toEqual(['Shared Read Blocks', 'Temp Written Blocks', 'Rows Removed by Filter'])
  })

  it('hides most of the counters of a captured PostgreSQL 18 seq scan, all of them zero', () => {
    const scan = preorder(parsed(fixture('pg18-seq-scan-filter', 'json')).root).find((n) => n.nodeType === 'Seq Scan')!
    const { zeroCounters } = groupAttributes(scan.attributes)
    expect(zeroCounters.length).toBeGreaterThanOrEqual(8)
    for (const key of zeroCounters) expect(scan.attributes[key]).toBe(0)
  })

  it('sorts the conditions apart from the memory figures', () => {
    expect(attributeGroupOf('Hash Cond')).toBe('Conditions')
    expect(attributeGroupOf('Hash Buckets')).toBe('Memory and disk')
    expect(attributeGroupOf('Sort Key')).toBe('Keys and output')
    expect(attributeGroupOf('Sort Method')).toBe('Memory and disk')
    expect(attributeGroupOf('Rows Removed by Index Recheck')).toBe('Conditions')
  })
})
