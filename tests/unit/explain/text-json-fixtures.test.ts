/**
 * Text and JSON captures of the same query, from PostgreSQL 14, 15 and 18, give
 * equal plans: the same tree, the same attributes under the same JSON keys
 * (apart from timings and counters that differ between two executions), the
 * same workers and the same footer.
 */
import { describe, expect, it } from 'vitest'
import type { ExplainPlan, PlanNode } from '@shared/explain/model/plan-model'
import { fixturePairs, parsed, preorder } from './support/fixtures'
import { planShape } from './support/plan-shape'

const pairs = fixturePairs()

/** Values that change from one execution to the next: compared by presence, not value. */
const volatileKey = /Time|Blocks|Memory|Usage|Sort Space Used|Heap Fetches|Batches|WAL|Peak|Average|Heap Blocks|Maximum Storage|Cache (Hits|Misses)/
/** The text format leaves out zeros and false; the JSON format prints them. */
const isEmpty = (value: unknown) => value === undefined || value === 0 || value === false || (Array.isArray(value) && value.length === 0)

function attributeDifferences(fromJson: PlanNode, fromText: PlanNode): string[] {
  const differences: string[] = []
  const keys = new Set([...Object.keys(fromJson.attributes), ...Object.keys(fromText.attributes)])
  for (const key of keys) {
    const a = fromJson.attributes[key]
    const b = fromText.attributes[key]
    if (isEmpty(a) && isEmpty(b)) continue
    if (volatileKey.test(key) ? typeof a === typeof b : JSON.stringify(a) === JSON.stringify(b)) continue
    differences.push(`${fromJson.nodeType} ${key}: json=${JSON.stringify(a)} text=${JSON.stringify(b)}`)
  }
  return differences
}

function footer(plan: ExplainPlan) {
  return {
    settings: plan.settings,
    triggers: plan.triggers.map((t) => ({ name: t.name, calls: t.calls, timed: t.timeMs !== null })),
    jit: plan.jit && { functions: plan.jit.functions, options: plan.jit.options, timings: Object.keys(plan.jit.timingMs) },
    planningTime: plan.planningTimeMs !== null,
    executionTime: plan.executionTimeMs !== null
  }
}

describe('captured plan fixtures', () => {
  it('cover PostgreSQL 14, 15 and 18 with every case in both formats', () => {
    const versions = new Set(pairs.map((pair) => pair.name.split('-')[0]))
    expect(versions).toEqual(new Set(['pg14', 'pg15', 'pg18']))
    const cases = (version: string) => pairs.filter((pair) => pair.name.startsWith(`${version}-`)).map((pair) => pair.name.slice(version.length + 1))
    expect(cases('pg14')).toEqual(cases('pg18'))
    expect(cases('pg15')).toEqual(cases('pg18'))
    expect(cases('pg18').length).toBeGreaterThanOrEqual(30)
  })

  describe.each(pairs)('$name', ({ json, text }) => {
    const fromJson = parsed(json)
    const fromText = parsed(text)

    it('parses without warnings in both formats', () => {
      expect(fromJson.format).toBe('json')
      expect(fromText.format).toBe('text')
      expect(fromJson.warnings).toEqual([])
      expect(fromText.warnings).toEqual([])
    })

    it('gives equal trees in text and JSON', () => {
      expect(planShape(fromText)).toEqual(planShape(fromJson))
    })

    it('gives the same attributes, workers and footer in text and JSON', () => {
      const a = preorder(fromJson.root)
      const b = preorder(fromText.root)
      expect(a.flatMap((node, i) => attributeDifferences(node, b[i]!))).toEqual([])
      expect(b.map((node) => node.workers.map((w) => w.workerNumber))).toEqual(a.map((node) => node.workers.map((w) => w.workerNumber)))
      expect(footer(fromText)).toEqual(footer(fromJson))
    })

    it('gives the same typed fields in text and JSON', () => {
      const typed = (node: PlanNode) => ({
        filter: node.filter,
        indexCond: node.indexCond,
        recheckCond: node.recheckCond,
        joinFilter: node.joinFilter,
        hashCond: node.hashCond,
        mergeCond: node.mergeCond,
        rowsRemovedByFilter: node.rowsRemovedByFilter,
        rowsRemovedByJoinFilter: node.rowsRemovedByJoinFilter,
        rowsRemovedByIndexRecheck: node.rowsRemovedByIndexRecheck,
        sortKey: node.sortKey,
        sortMethod: node.sortMethod,
        sortSpaceType: node.sortSpaceType,
        output: node.output,
        cteName: node.cteName,
        workersPlanned: node.workersPlanned,
        workersLaunched: node.workersLaunched,
        neverExecuted: node.neverExecuted,
        timed: node.actualTotalMs !== null,
        hashed: node.hashBuckets !== null
      })
      expect(preorder(fromText.root).map(typed)).toEqual(preorder(fromJson.root).map(typed))
    })

    it('knows which input lines every node came from', () => {
      const jsonLines = json.split('\n')
      const textLines = text.split('\n')
      const starts = (plan: ExplainPlan) => preorder(plan.root).map((node) => node.sourceLines![0])
      for (const plan of [fromJson, fromText]) {
        const firsts = starts(plan)
        expect(firsts).toEqual([...firsts].sort((x, y) => x - y))
        expect(new Set(firsts).size).toBe(firsts.length)
      }
      for (const node of preorder(fromJson.root)) {
        const [first, last] = node.sourceLines!
        expect(jsonLines[first - 1]!.trimEnd()).toMatch(/{$/)
        expect(jsonLines[first]).toContain(`"Node Type": "${node.nodeType}"`)
        expect(jsonLines[last - 1]!.trim()).toMatch(/^}/)
      }
      for (const node of preorder(fromText.root)) {
        const [first, last] = node.sourceLines!
        expect(textLines[first - 1]).toContain('(cost=')
        expect(textLines.slice(first, last).some((line) => line.includes('(cost='))).toBe(false)
      }
    })
  })
})
