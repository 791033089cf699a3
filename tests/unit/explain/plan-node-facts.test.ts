/**
 * What the tree's cards and the details say beyond the figures, on captured
 * plans: partition pruning, a window's definition, where the time (or the
 * cost) went, and the warning badges.
 */
import { describe, expect, it } from 'vitest'
import { partitionPruning } from '@shared/explain/analyse/partition-pruning'
import { windowDefinition } from '@shared/explain/analyse/window-definition'
import { exclusiveCosts, hasTiming, hottestNode, pathTo } from '@shared/explain/analyse/hottest-node'
import { nodeWarnings } from '@shared/explain/analyse/node-warnings'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { fixture, parsed, preorder } from './support/fixtures'

const nodesOf = (name: string, format: 'json' | 'txt' = 'json') => preorder(parsed(fixture(name, format)).root)
const appendOf = (name: string, format: 'json' | 'txt' = 'json') => nodesOf(name, format).find((n) => n.nodeType === 'Append')!

describe('partition pruning', () => {
  it('counts the partitions removed as execution started: "2 of 4 partitions scanned", Subplans Removed: 2', () => {
    for (const format of ['json', 'txt'] as const) {
      const pruning = partitionPruning(appendOf('pg18-runtime-pruning', format))
      expect(pruning).toMatchObject({ table: 'events', scanned: 2, total: 4, removed: 2, summary: '2 of 4 partitions scanned' })
    }
  })

  it('counts the partitions never executed as not scanned', () => {
    expect(partitionPruning(appendOf('pg18-partition-pruning'))).toMatchObject({ table: 'events', scanned: 1, total: 3, removed: 0, summary: '1 of 3 partitions scanned' })
  })

  it('says nothing of partitions on a UNION ALL', () => {
    expect(partitionPruning(appendOf('pg18-union-append'))).toBeNull()
  })
})

describe('window definition', () => {
  it('shows the definition PostgreSQL 18 prints', () => {
    const window = nodesOf('pg18-window-function').find((n) => n.nodeType === 'WindowAgg')!
    expect(windowDefinition(window)).toBe('w1 AS (PARTITION BY orders.customer_id ORDER BY orders.id)')
  })

  it('falls back on the window functions an older server prints', () => {
    const window = nodesOf('pg14-window-function').find((n) => n.nodeType === 'WindowAgg')!
    expect(windowDefinition(window)).toContain('OVER')
  })
})

describe('the hottest node', () => {
  it('is the node with the most own time when the plan ran', () => {
    const nodes = planMetrics(parsed(fixture('pg18-hash-join', 'json')))
    const hottest = hottestNode(nodes)
    for (const f of nodes) expect(nodes[hottest]!.exclusiveMs!).toBeGreaterThanOrEqual(f.exclusiveMs!)
    expect(pathTo(nodes, hottest)[0]).toBe(0)
    expect(pathTo(nodes, hottest).at(-1)).toBe(hottest)
  })

  it('is the node with the most own cost when the plan did not run, and own costs add up to the root cost', () => {
    const nodes = planMetrics(parsed(fixture('pg18-no-analyze', 'json')))
    expect(hasTiming(nodes)).toBe(false)
    const costs = exclusiveCosts(nodes)
    const hottest = hottestNode(nodes)
    expect(Math.max(...costs)).toBe(costs[hottest])
    expect(costs.reduce((a, b) => a + b, 0)).toBeCloseTo(nodes[0]!.node.totalCost!, 1)
  })
})

describe('warning badges', () => {
  it('say in a few words what the side panel says in full, the most severe first', () => {
    const nodes = planMetrics(parsed(fixture('pg18-seq-scan-filter', 'json')))
    const warnings = nodes.flatMap(nodeWarnings)
    const removed = warnings.find((w) => w.kind === 'rows-removed')!
    expect(removed.badge).toMatch(/^\d+ % of rows thrown away$/)
    expect(removed.message.startsWith(removed.badge.split(' of ')[0]!)).toBe(true)
  })

  it('rank a spill above a small misestimate, and a 250× misestimate as high', () => {
    const spill = planMetrics(parsed(fixture('pg18-sort-spill', 'json'))).find((f) => f.spilled)!
    const skewed = { ...spill, misestimate: { factor: 12, direction: 'under' as const } }
    expect(nodeWarnings(skewed).map((w) => [w.kind, w.severity, w.badge])).toEqual([
      ['spill', 'high', 'spills to disk'],
      ['misestimate', 'medium', 'rows underestimated 12.0×']
    ])
    expect(nodeWarnings({ ...spill, spilled: false, misestimate: { factor: 250, direction: 'under' } })[0]).toMatchObject({ severity: 'high', badge: 'rows underestimated 250×' })
  })
})
