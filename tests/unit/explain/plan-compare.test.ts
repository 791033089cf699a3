/**
 * Comparing two plans: the same plan matches itself node for node; before/after
 * pairs captured from a real server show what the change did (a scan that
 * became an index scan, a sort that no longer spills, another join); nodes
 * only in one plan are added or removed; and the totals say how much faster.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { comparePlans, delta, planSide, type PlanComparison, type PlanSide } from '@shared/explain/analyse/plan-compare'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { planShape } from './support/plan-shape'
import { fixture, fixtureDir, fixturePairs, parsed } from './support/fixtures'
import { widePlan } from '../../../bench/support/generated-plans'

const side = (text: string): PlanSide => {
  const plan = parsed(text)
  return planSide(plan, planMetrics(plan))
}
/** A before/after pair of tests/fixtures/plans/compare, and their comparison. */
function captured(pair: string): { before: PlanSide; after: PlanSide; c: PlanComparison } {
  const read = (when: string) => side(readFileSync(path.join(fixtureDir, 'compare', `pg18-${pair}.${when}.json`), 'utf8'))
  const before = read('before')
  const after = read('after')
  return { before, after, c: comparePlans(before, after) }
}

/** "Seq Scan orders" for the node of a row on one side. */
function nodeName(s: PlanSide, id: number | null): string | null {
  if (id === null) return null
  const n = s.nodes[id]!.node
  return [n.parallelAware ? 'Parallel' : null, n.nodeType, n.relation ?? n.indexName].filter(Boolean).join(' ')
}
function table(c: PlanComparison, a: PlanSide, b: PlanSide) {
  return c.rows.map((row) => ({ a: nodeName(a, row.a), b: nodeName(b, row.b), status: row.status }))
}
function rowFor(c: PlanComparison, a: PlanSide, name: string) {
  const row = c.rows.find((r) => nodeName(a, r.a) === name)
  if (!row) throw new Error(`no row for ${name}`)
  return row
}

describe('a plan compared with itself', () => {
  it.each(fixturePairs().map((pair) => pair.name))('%s matches node for node, with nothing changed', (name) => {
    const plan = side(fixture(name, 'json'))
    const c = comparePlans(plan, plan)
    expect(c.rows.map((row) => [row.a, row.b])).toEqual(plan.nodes.map((f) => [f.id, f.id]))
    expect(c.counts).toEqual({ same: plan.nodes.length, changed: 0, added: 0, removed: 0 })
    for (const row of c.rows) for (const d of Object.values(row.deltas!)) expect(['same', 'unknown']).toContain(d.verdict)
    if (plan.executionTimeMs !== null) expect(c.totals.speed).toEqual({ factor: 1, direction: 'same', basis: 'execution time' })
  })
})

describe('two executions of the same query', () => {
  const pairs = fixturePairs()
  it.each(pairs.map((pair) => pair.name))('%s: the text and JSON captures match in plan order', (name) => {
    const pair = pairs.find((p) => p.name === name)!
    const json = side(pair.json)
    const text = side(pair.text)
    const c = comparePlans(json, text)
    expect(c.rows.map((row) => [row.a, row.b])).toEqual(json.nodes.map((f) => [f.id, f.id]))
    expect(c.counts.added + c.counts.removed).toBe(0)
  })

  const cases = [...new Set(pairs.map((pair) => pair.name.replace(/^pg\d+-/, '')))]
  it.each(cases)('%s on PostgreSQL 15 and 18: plans of the same shape match without added or removed nodes', (name) => {
    const pg15 = parsed(fixture(`pg15-${name}`, 'json'))
    const pg18 = parsed(fixture(`pg18-${name}`, 'json'))
    const c = comparePlans(planSide(pg15, planMetrics(pg15)), planSide(pg18, planMetrics(pg18)))
    if (JSON.stringify(planShape(pg15).map((r) => [r.nodeType, r.relation])) === JSON.stringify(planShape(pg18).map((r) => [r.nodeType, r.relation]))) {
      expect(c.counts.added + c.counts.removed).toBe(0)
      expect(c.rows.every((row) => row.a === row.b)).toBe(true)
    }
    // Whatever the shapes, every node of each plan shows exactly once, A's in plan order.
    expect(c.rows.flatMap((row) => (row.a === null ? [] : [row.a]))).toEqual(planMetrics(pg15).map((f) => f.id))
    expect(c.rows.flatMap((row) => (row.b === null ? [] : [row.b])).sort((x, y) => x - y)).toEqual(planMetrics(pg18).map((f) => f.id))
    c.rows.forEach((row, i) => {
      if (row.a !== null) expect(c.rowOfA[row.a]).toBe(i)
      if (row.b !== null) expect(c.rowOfB[row.b]).toBe(i)
    })
  })
})

describe('before and after, captured from PostgreSQL 18', () => {
  it('an index lookup: the Seq Scan on orders became a Bitmap Heap Scan, its Bitmap Index Scan is new, and the query is many times faster', () => {
    const { before, after, c } = captured('index-lookup')
    expect(table(c, before, after)).toEqual([
      { a: 'Sort', b: 'Sort', status: 'same' },
      { a: 'Nested Loop', b: 'Nested Loop', status: 'same' },
      { a: 'Seq Scan customers', b: 'Index Scan customers', status: 'changed' },
      { a: 'Seq Scan orders', b: 'Bitmap Heap Scan orders', status: 'changed' },
      { a: null, b: 'Bitmap Index Scan orders_customer_idx', status: 'added' }
    ])
    const orders = rowFor(c, before, 'Seq Scan orders')
    expect(orders.changes).toEqual(['Seq Scan → Bitmap Heap Scan'])
    // Same rows out of the scan, far less time and far fewer buffers.
    expect(orders.deltas!.rows.verdict).toBe('same')
    expect(orders.deltas!.inclusiveMs.verdict).toBe('better')
    expect(orders.deltas!.inclusiveMs.ratio).toBeLessThan(0.5)
    expect(orders.deltas!.sharedHit.verdict).toBe('better')
    expect(rowFor(c, before, 'Seq Scan customers').changes).toEqual(['Seq Scan → Index Scan', 'using customers_pkey'])

    const { executionMs, speed } = c.totals
    expect(executionMs).toMatchObject({ a: before.executionTimeMs, b: after.executionTimeMs, verdict: 'better' })
    expect(speed).toEqual({ factor: before.executionTimeMs! / after.executionTimeMs!, direction: 'faster', basis: 'execution time' })
    expect(speed!.factor).toBeGreaterThan(5)
    expect(c.totals.sharedHit.verdict).toBe('better')
  })

  it('a raised work_mem: the same plan, and the Sort no longer spills to disk', () => {
    const { before, after, c } = captured('work-mem')
    expect(table(c, before, after)).toEqual([
      { a: 'Sort', b: 'Sort', status: 'changed' },
      { a: 'Seq Scan orders', b: 'Seq Scan orders', status: 'same' }
    ])
    expect(c.rows[0]!.changes).toEqual(['no longer spills'])
    expect(c.totals.tempBlocks.a).toBeGreaterThan(0)
    expect(c.totals.tempBlocks).toMatchObject({ b: 0, verdict: 'better' })
  })

  it('another join strategy: the Nested Loop became a Hash Join with a new Hash, the scans are matched by table', () => {
    const { before, after, c } = captured('join-strategy')
    expect(table(c, before, after)).toEqual([
      { a: 'Nested Loop', b: 'Hash Join', status: 'changed' },
      { a: null, b: 'Hash', status: 'added' },
      { a: 'Seq Scan customers', b: 'Seq Scan customers', status: 'same' },
      { a: 'Index Scan orders', b: 'Seq Scan orders', status: 'changed' }
    ])
    expect(c.rows[0]!.changes).toEqual(['Nested Loop → Hash Join'])
    expect(rowFor(c, before, 'Index Scan orders').changes).toEqual(['Index Scan → Seq Scan', 'no longer using orders_customer_idx'])
    // The index scan ran once per customer; the seq scan once.
    expect(rowFor(c, before, 'Index Scan orders').deltas!.loops).toMatchObject({ a: 400, b: 1, verdict: 'different' })
  })

  it('a hash join and a merge join of the same tables: the joins and the scans match, the hash and the sort do not', () => {
    const hash = side(fixture('pg18-hash-join', 'json'))
    const merge = side(fixture('pg18-merge-join', 'json'))
    const c = comparePlans(hash, merge)
    expect(table(c, hash, merge)).toEqual([
      { a: 'Hash Join', b: 'Merge Join', status: 'changed' },
      // B's Sort shows just above the scan it sorts.
      { a: null, b: 'Sort', status: 'added' },
      { a: 'Seq Scan orders', b: 'Index Scan orders', status: 'changed' },
      { a: 'Hash', b: null, status: 'removed' },
      { a: 'Seq Scan customers', b: 'Index Scan customers', status: 'changed' }
    ])
  })
})

describe('hand-made plans', () => {
  const scan = (rows: number, ms: number, indent = '') =>
    `${indent}->  Seq Scan on t  (cost=0.00..100.00 rows=${rows} width=4) (actual time=0.010..${ms.toFixed(3)} rows=${rows} loops=1)`

  it('a Limit put on top: the Limit is added and the rest still matches', () => {
    const a = side(['Sort  (cost=10.00..11.00 rows=100 width=4) (actual time=5.000..6.000 rows=100 loops=1)', '  Sort Key: x', `  ${scan(100, 4)}`, 'Execution Time: 6.100 ms'].join('\n'))
    const b = side(
      [
        'Limit  (cost=10.00..10.10 rows=10 width=4) (actual time=5.000..5.010 rows=10 loops=1)',
        '  ->  Sort  (cost=10.00..11.00 rows=100 width=4) (actual time=5.000..5.005 rows=10 loops=1)',
        '        Sort Key: x',
        `        ${scan(100, 4)}`,
        'Execution Time: 5.100 ms'
      ].join('\n')
    )
    const c = comparePlans(a, b)
    expect(table(c, a, b)).toEqual([
      { a: null, b: 'Limit', status: 'added' },
      { a: 'Sort', b: 'Sort', status: 'same' },
      { a: 'Seq Scan t', b: 'Seq Scan t', status: 'same' }
    ])
    expect(c.rows[1]!.deltas!.rows).toMatchObject({ a: 100, b: 10, verdict: 'different' })
  })

  it('a parallel plan: Gather and Partial Aggregate are added, the scan became parallel', () => {
    const a = side(
      ['Aggregate  (cost=200.00..200.01 rows=1 width=8) (actual time=90.000..90.001 rows=1 loops=1)', `  ${scan(1000, 80)}`, 'Execution Time: 90.100 ms'].join('\n')
    )
    const b = side(
      [
        'Finalize Aggregate  (cost=150.00..150.01 rows=1 width=8) (actual time=40.000..40.001 rows=1 loops=1)',
        '  ->  Gather  (cost=149.00..150.00 rows=2 width=8) (actual time=39.000..39.990 rows=3 loops=1)',
        '        Workers Planned: 2',
        '        Workers Launched: 2',
        '        ->  Partial Aggregate  (cost=149.00..149.01 rows=1 width=8) (actual time=35.000..35.001 rows=1 loops=3)',
        '              ->  Parallel Seq Scan on t  (cost=0.00..100.00 rows=333 width=4) (actual time=0.010..30.000 rows=333 loops=3)',
        'Execution Time: 40.100 ms'
      ].join('\n')
    )
    const c = comparePlans(a, b)
    expect(table(c, a, b)).toEqual([
      { a: 'Aggregate', b: 'Aggregate', status: 'changed' },
      { a: null, b: 'Gather', status: 'added' },
      { a: null, b: 'Aggregate', status: 'added' },
      { a: 'Seq Scan t', b: 'Parallel Seq Scan t', status: 'changed' }
    ])
    expect(c.rows[0]!.changes).toEqual(['Aggregate → Finalize Aggregate'])
    expect(c.rows[3]!.changes).toEqual(['Seq Scan → Parallel Seq Scan'])
    expect(c.totals.speed).toMatchObject({ direction: 'faster', basis: 'execution time' })
    expect(c.totals.speed!.factor).toBeCloseTo(90.1 / 40.1, 6)
  })

  it('a scan dropped from a plan is removed; a slower plan says slower', () => {
    const a = side(['Append  (cost=0.00..200.00 rows=200 width=4) (actual time=0.010..3.000 rows=200 loops=1)', `  ${scan(100, 1)}`, `  ${scan(100, 1)}`.replace(' on t ', ' on u '), 'Execution Time: 3.100 ms'].join('\n'))
    const b = side(['Append  (cost=0.00..100.00 rows=100 width=4) (actual time=0.010..9.000 rows=100 loops=1)', `  ${scan(100, 8)}`, 'Execution Time: 9.300 ms'].join('\n'))
    const c = comparePlans(a, b)
    expect(table(c, a, b)).toEqual([
      { a: 'Append', b: 'Append', status: 'same' },
      { a: 'Seq Scan t', b: 'Seq Scan t', status: 'same' },
      { a: 'Seq Scan u', b: null, status: 'removed' }
    ])
    expect(c.rows[1]!.deltas!.exclusiveMs.verdict).toBe('worse')
    expect(c.totals.speed).toMatchObject({ direction: 'slower', basis: 'execution time' })
    expect(c.totals.speed!.factor).toBeCloseTo(9.3 / 3.1, 6)
  })

  it('another join order: the scans that changed places are marked as moved', () => {
    const hashJoin = (indent: string) => `${indent}Hash Join  (cost=1.00..50.00 rows=10 width=8) (actual time=0.100..1.000 rows=10 loops=1)`
    const hash = (indent: string) => `${indent}->  Hash  (cost=1.00..1.00 rows=10 width=4) (actual time=0.050..0.050 rows=10 loops=1)`
    const seq = (indent: string, table: string) => `${indent}->  Seq Scan on ${table}  (cost=0.00..1.00 rows=10 width=4) (actual time=0.010..0.040 rows=10 loops=1)`
    const plan = (inner: string, outer: string) =>
      [hashJoin(''), `  ->  ${hashJoin('').trim()}`, seq('        ', 'a'), hash('        '), seq('              ', inner), hash('  '), seq('        ', outer)].join('\n')
    const a = side(plan('b', 'c'))
    const b = side(plan('c', 'b'))
    const c = comparePlans(a, b)
    expect(c.counts).toMatchObject({ added: 0, removed: 0 })
    expect(rowFor(c, a, 'Seq Scan b')).toMatchObject({ status: 'changed', changes: ['moved to another Hash'] })
    expect(nodeName(b, rowFor(c, a, 'Seq Scan b').b)).toBe('Seq Scan b')
    expect(rowFor(c, a, 'Seq Scan a')).toMatchObject({ status: 'same', changes: [] })
  })

  it('plans without ANALYZE compare on their estimated cost', () => {
    const a = side('Seq Scan on t  (cost=0.00..1000.00 rows=10 width=4)\n  Filter: (x = 1)')
    const b = side('Index Scan using t_x_idx on t  (cost=0.29..8.31 rows=10 width=4)\n  Index Cond: (x = 1)')
    const c = comparePlans(a, b)
    expect(c.rows[0]).toMatchObject({ status: 'changed', changes: ['Seq Scan → Index Scan', 'using t_x_idx'] })
    expect(c.totals.executionMs.verdict).toBe('unknown')
    expect(c.totals.speed).toEqual({ factor: 1000 / 8.31, direction: 'faster', basis: 'estimated cost' })
  })
})

describe('deltas', () => {
  it('take timings within the noise of two runs as equal', () => {
    expect(delta(10, 10.5, 'time').verdict).toBe('same')
    expect(delta(0.01, 0.04, 'time').verdict).toBe('same')
    expect(delta(10, 2, 'time')).toEqual({ a: 10, b: 2, change: -8, ratio: 0.2, verdict: 'better' })
    expect(delta(0, 5, 'count')).toMatchObject({ ratio: null, verdict: 'worse' })
    expect(delta(0, 0, 'count')).toMatchObject({ ratio: 1, verdict: 'same' })
    expect(delta(1, 50000, 'neutral').verdict).toBe('different')
    expect(delta(null, 5, 'time').verdict).toBe('unknown')
  })
})

describe('big plans', () => {
  it('a 10,000-node plan compares with a changed copy of itself in well under a second', () => {
    const a = side(widePlan(10_000))
    const b = side(widePlan(10_000).replaceAll('"Seq Scan"', '"Index Scan"'))
    const started = performance.now()
    const c = comparePlans(a, b)
    const elapsed = performance.now() - started
    expect(c.rows.length).toBe(a.nodes.length)
    expect(c.counts.added + c.counts.removed).toBe(0)
    expect(c.counts.changed).toBe(a.nodes.filter((f) => f.node.nodeType === 'Seq Scan').length)
    expect(elapsed).toBeLessThan(1000)
  })
})
