/**
 * Derived figures the visualizer shows: exclusive time that is never negative
 * and adds up to the execution time, parallel subtrees not counted once per
 * worker, CTEs and InitPlans counted once, misestimates with their direction,
 * exclusive buffers, rows removed and spills.
 */
import { describe, expect, it } from 'vitest'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { fixture, fixturePairs, parsed } from './support/fixtures'

const plans = fixturePairs().flatMap((pair) => [
  { name: `${pair.name}.json`, plan: parsed(pair.json) },
  { name: `${pair.name}.txt`, plan: parsed(pair.text) }
])

const byType = (flat: FlatNode[], type: string) => flat.filter((item) => item.node.nodeType === type)
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const triggerMs = (plan: ExplainPlan) => sum(plan.triggers.map((t) => t.timeMs ?? 0))

describe.each(plans)('metrics of $name', ({ plan }) => {
  const flat = planMetrics(plan)

  it('list the nodes in pre-order with ids, parents and depths', () => {
    expect(flat.map((item) => item.id)).toEqual(flat.map((_, i) => i))
    expect(flat[0]).toMatchObject({ parentId: null, depth: 0, node: plan.root })
    for (const item of flat.slice(1)) {
      const parent = flat[item.parentId!]!
      expect(parent.id).toBeLessThan(item.id)
      expect(item.depth).toBe(parent.depth + 1)
      expect(parent.node.children).toContain(item.node)
    }
  })

  it('never give a negative exclusive time, and add up to the execution time', () => {
    const timed = flat.filter((item) => item.exclusiveMs !== null)
    for (const item of timed) expect(item.exclusiveMs).toBeGreaterThanOrEqual(0)
    if (plan.root.actualTotalMs === null) {
      expect(timed).toEqual([])
      return
    }
    const total = sum(timed.map((item) => item.exclusiveMs!))
    const root = flat[0]!.inclusiveMs!
    // Per-loop times are printed to 0.001 ms; over thousands of loops the rounding adds up and
    // clamping at zero keeps it. Beyond that, the total is the root's time.
    const rounding = sum(flat.map((item) => (0.0005 * (item.node.loops ?? 0)) / item.parallelParticipants))
    expect(total).toBeGreaterThanOrEqual(root - 1e-9)
    expect(total).toBeLessThanOrEqual(root * 1.02 + rounding + 0.01)
    const execution = plan.executionTimeMs! - triggerMs(plan)
    expect(total).toBeLessThanOrEqual(execution * 1.02 + rounding + 0.01)
    if (execution > 5) expect(total).toBeGreaterThan(execution * 0.85)
  })

  it('never give negative exclusive buffers', () => {
    for (const item of flat) {
      if (!item.exclusiveBuffers) continue
      for (const counts of Object.values(item.exclusiveBuffers)) for (const value of Object.values(counts)) expect(value).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('parallel plans', () => {
  it('divide a subtree below a Gather by the workers launched plus the leader', () => {
    const flat = planMetrics(parsed(fixture('pg18-parallel-gather', 'json')))
    const gather = byType(flat, 'Gather')[0]!
    const scan = byType(flat, 'Seq Scan')[0]!
    expect(scan.node.parallelAware).toBe(true)
    expect(scan.node.loops).toBe(3)
    expect(scan.parallelParticipants).toBe(gather.node.workersLaunched! + 1)
    expect(scan.inclusiveMs).toBeCloseTo(scan.node.actualTotalMs!, 6)
    // Without the division the scan would take longer than the Gather above it.
    expect(scan.inclusiveMs!).toBeLessThanOrEqual(gather.inclusiveMs!)
    expect(gather.parallelParticipants).toBe(1)
  })

  it('do not divide a node that ran once, in one process', () => {
    const flat = planMetrics(parsed(fixture('pg18-parallel-hash-join', 'json')))
    const customers = flat.find((item) => item.node.relation === 'customers')!
    expect(customers.node.loops).toBe(1)
    expect(customers.parallelParticipants).toBe(1)
    expect(customers.inclusiveMs).toBe(customers.node.actualTotalMs)
  })
})

describe('subplans', () => {
  it('subtract an InitPlan once, from the node it hangs under', () => {
    const flat = planMetrics(parsed(fixture('pg18-initplan', 'json')))
    const root = flat[0]!
    const children = flat.filter((item) => item.parentId === 0)
    expect(children.map((c) => c.node.parentRelationship)).toContain('InitPlan')
    expect(root.exclusiveMs).toBeCloseTo(Math.max(0, root.inclusiveMs! - sum(children.map((c) => c.inclusiveMs!))), 9)
    expect(root.exclusiveMs!).toBeLessThan(root.inclusiveMs! * 0.5)
  })

  it('subtract a SubPlan that ran per row with all its loops', () => {
    const flat = planMetrics(parsed(fixture('pg15-subplan', 'json')))
    const subplan = flat.find((item) => item.node.parentRelationship === 'SubPlan')!
    expect(subplan.node.loops).toBe(99)
    expect(subplan.inclusiveMs).toBeCloseTo(subplan.node.actualTotalMs! * 99, 9)
    expect(flat[0]!.exclusiveMs).toBeCloseTo(flat[0]!.inclusiveMs! - subplan.inclusiveMs!, 9)
  })

  it("count a CTE's time once, inside the CTE Scans that read it", () => {
    for (const name of ['pg14-cte-materialized', 'pg15-cte-materialized', 'pg18-cte-materialized', 'pg14-recursive-cte', 'pg18-recursive-cte']) {
      const plan = parsed(fixture(name, 'json'))
      const flat = planMetrics(plan)
      const cte = flat.find((item) => item.node.subplanName?.startsWith('CTE '))!
      const scans = byType(flat, 'CTE Scan')
      const owner = flat[cte.parentId!]!
      // The owner keeps its own time: the CTE is not subtracted from it.
      const ownerChildren = flat.filter((item) => item.parentId === owner.id && item !== cte)
      expect(owner.exclusiveMs).toBeCloseTo(Math.max(0, owner.inclusiveMs! - sum(ownerChildren.map((c) => c.inclusiveMs!))), 9)
      // The scans give up what the CTE took, never going below zero.
      const absorbed = sum(scans.map((scan) => scan.inclusiveMs! - scan.exclusiveMs!))
      expect(absorbed).toBeCloseTo(Math.min(cte.inclusiveMs!, sum(scans.map((s) => s.inclusiveMs!))), 9)
      expect(sum(flat.map((item) => item.exclusiveMs!))).toBeCloseTo(flat[0]!.inclusiveMs!, 6)
    }
  })
})

describe('misestimates', () => {
  const one = (planRows: number, actualRows: number, loops = 1) => {
    const result = parsePlan(`Seq Scan on t  (cost=0.00..1.00 rows=${planRows} width=4) (actual time=0.1..0.2 rows=${actualRows} loops=${loops})`)
    if (!result.ok) throw new Error(result.error.message)
    return planMetrics(result.plan)[0]!.misestimate
  }

  it('say how many times more rows came than planned, and which way', () => {
    expect(one(10, 1000)).toEqual({ factor: 100, direction: 'under' })
    expect(one(1000, 10)).toEqual({ factor: 100, direction: 'over' })
    expect(one(50, 50)).toEqual({ factor: 1, direction: 'exact' })
    // Zero rows count as one: the planner never estimates fewer.
    expect(one(200, 0)).toEqual({ factor: 200, direction: 'over' })
    // Rows per loop, as both figures are.
    expect(one(5, 5, 1000)).toEqual({ factor: 1, direction: 'exact' })
  })

  it('are absent without ANALYZE and for nodes never executed', () => {
    expect(planMetrics(parsed(fixture('pg18-no-analyze', 'txt'))).every((item) => item.misestimate === null)).toBe(true)
    const never = planMetrics(parsed(fixture('pg18-never-executed', 'json'))).filter((item) => item.node.neverExecuted)
    expect(never.length).toBeGreaterThan(0)
    expect(never.every((item) => item.misestimate === null && item.inclusiveMs === 0)).toBe(true)
  })

  it('find the underestimated join of a real plan', () => {
    const flat = planMetrics(parsed(fixture('pg15-parallel-hash-join', 'json')))
    expect(flat.some((item) => item.misestimate && item.misestimate.factor > 1)).toBe(true)
  })
})

describe('rows removed, buffers and spills', () => {
  it('give the share of rows a filter removed', () => {
    const scan = planMetrics(parsed(fixture('pg18-seq-scan-filter', 'txt')))[0]!
    const { actualRows, rowsRemovedByFilter } = scan.node
    expect(scan.rowsRemoved).toBe(rowsRemovedByFilter)
    expect(scan.rowsRemovedPercent).toBeCloseTo((rowsRemovedByFilter! / (rowsRemovedByFilter! + actualRows!)) * 100, 9)
  })

  it('give exclusive buffers that add up to the root buffers', () => {
    for (const format of ['json', 'txt'] as const) {
      const flat = planMetrics(parsed(fixture('pg18-hash-join', format)))
      const root = flat[0]!.node.buffers!
      expect(sum(flat.map((item) => item.exclusiveBuffers!.shared.hit))).toBe(root.shared.hit)
    }
  })

  it('flag sorts and hashes that went to disk, and nothing else', () => {
    for (const { name, plan } of plans) {
      const spilled = planMetrics(plan).filter((item) => item.spilled).map((item) => item.node.nodeType)
      if (name.includes('sort-spill')) expect(spilled).toEqual(['Sort'])
      else if (name.includes('hash-join-spill')) expect(spilled).toEqual(['Hash'])
      else if (name.includes('hashagg-spill')) expect(spilled).toEqual(['Aggregate'])
      else expect(spilled, name).toEqual([])
    }
  })

  it('use the root time for percentages when the execution time is missing', () => {
    const result = parsePlan(['Limit  (cost=0.00..1.00 rows=1 width=4) (actual time=0.000..10.000 rows=1 loops=1)', '  ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.000..4.000 rows=1 loops=1)'].join('\n'))
    if (!result.ok) throw new Error(result.error.message)
    const flat = planMetrics(result.plan)
    expect(flat.map((item) => item.exclusivePercent)).toEqual([60, 40])
    expect(flat.map((item) => item.inclusivePercent)).toEqual([100, 40])
  })
})
