/**
 * Line by line, the text format reads into the attributes and typed fields
 * the JSON format gives: node names that fold in other properties, packed
 * detail lines, parallel workers, subplans and footers of PostgreSQL 12–18.
 */
import { describe, expect, it } from 'vitest'
import { parseTextPlan } from '@shared/explain/read/text/parse-text-plan'
import { parseSettings } from '@shared/explain/read/text/text-footers'
import type { ExplainPlan, PlanNode } from '@shared/explain/model/plan-model'
import { parseNodeLabel } from '@shared/explain/read/text/text-node-label'
import { preorder } from './support/fixtures'

function text(lines: string[]): ExplainPlan {
  const result = parseTextPlan(lines.join('\n'))
  if (!result.ok) throw new Error(result.error.message)
  return result.plan
}

/** A root node with the given detail lines. */
function node(detail: string[], header = 'Seq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.010..0.020 rows=1 loops=1)'): PlanNode {
  return text([header, ...detail.map((line) => `  ${line}`)]).root
}

describe('node names', () => {
  it.each([
    ['Seq Scan on orders', { 'Node Type': 'Seq Scan', 'Relation Name': 'orders', Alias: 'orders', 'Parallel Aware': false }],
    ['Parallel Seq Scan on public.orders o', { 'Node Type': 'Seq Scan', 'Relation Name': 'orders', Schema: 'public', Alias: 'o', 'Parallel Aware': true }],
    ['HashAggregate', { 'Node Type': 'Aggregate', Strategy: 'Hashed', 'Partial Mode': 'Simple' }],
    ['GroupAggregate', { 'Node Type': 'Aggregate', Strategy: 'Sorted', 'Partial Mode': 'Simple' }],
    ['Aggregate', { 'Node Type': 'Aggregate', Strategy: 'Plain', 'Partial Mode': 'Simple' }],
    ['MixedAggregate', { 'Node Type': 'Aggregate', Strategy: 'Mixed', 'Partial Mode': 'Simple' }],
    ['Finalize GroupAggregate', { 'Node Type': 'Aggregate', Strategy: 'Sorted', 'Partial Mode': 'Finalize' }],
    ['Partial HashAggregate', { 'Node Type': 'Aggregate', Strategy: 'Hashed', 'Partial Mode': 'Partial' }],
    ['Hash Left Join', { 'Node Type': 'Hash Join', 'Join Type': 'Left' }],
    ['Hash Right Anti Join', { 'Node Type': 'Hash Join', 'Join Type': 'Right Anti' }],
    ['Parallel Hash Join', { 'Node Type': 'Hash Join', 'Join Type': 'Inner', 'Parallel Aware': true }],
    ['Parallel Hash', { 'Node Type': 'Hash', 'Parallel Aware': true }],
    ['Nested Loop', { 'Node Type': 'Nested Loop', 'Join Type': 'Inner' }],
    ['Nested Loop Anti Join', { 'Node Type': 'Nested Loop', 'Join Type': 'Anti' }],
    ['Nested Loop Semi Join', { 'Node Type': 'Nested Loop', 'Join Type': 'Semi' }],
    ['Merge Full Join', { 'Node Type': 'Merge Join', 'Join Type': 'Full' }],
    ['Merge Append', { 'Node Type': 'Merge Append' }],
    ['Index Scan using orders_pkey on orders o', { 'Node Type': 'Index Scan', 'Index Name': 'orders_pkey', 'Relation Name': 'orders', Alias: 'o', 'Scan Direction': 'Forward' }],
    ['Index Only Scan Backward using idx on public.tbl t', { 'Node Type': 'Index Only Scan', 'Index Name': 'idx', 'Relation Name': 'tbl', Schema: 'public', Alias: 't', 'Scan Direction': 'Backward' }],
    ['Parallel Index Scan using "My Index" on "My Schema"."Odd ""Name""" x', { 'Node Type': 'Index Scan', 'Index Name': 'My Index', Schema: 'My Schema', 'Relation Name': 'Odd "Name"', Alias: 'x', 'Parallel Aware': true }],
    ['Bitmap Index Scan on orders_customer_idx', { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'orders_customer_idx' }],
    ['CTE Scan on totals a', { 'Node Type': 'CTE Scan', 'CTE Name': 'totals', Alias: 'a' }],
    ['WorkTable Scan on r r_1', { 'Node Type': 'WorkTable Scan', 'CTE Name': 'r', Alias: 'r_1' }],
    ['Function Scan on pg_catalog.generate_series g', { 'Node Type': 'Function Scan', 'Function Name': 'generate_series', Schema: 'pg_catalog', Alias: 'g' }],
    ['Subquery Scan on s', { 'Node Type': 'Subquery Scan', Alias: 's' }],
    ['Values Scan on "*VALUES*"', { 'Node Type': 'Values Scan', Alias: '*VALUES*' }],
    ['Update on public.orders', { 'Node Type': 'ModifyTable', Operation: 'Update', 'Relation Name': 'orders', Schema: 'public', Alias: 'orders' }],
    ['Insert on orders o', { 'Node Type': 'ModifyTable', Operation: 'Insert', 'Relation Name': 'orders', Alias: 'o' }],
    ['HashSetOp Except', { 'Node Type': 'SetOp', Strategy: 'Hashed', Command: 'Except' }],
    ['SetOp Intersect All', { 'Node Type': 'SetOp', Strategy: 'Sorted', Command: 'Intersect All' }],
    ['Async Foreign Scan on public.remote r', { 'Node Type': 'Foreign Scan', 'Async Capable': true, 'Relation Name': 'remote' }],
    ['Custom Scan (ColumnarScan) on events', { 'Node Type': 'Custom Scan', 'Custom Plan Provider': 'ColumnarScan', 'Relation Name': 'events' }],
    ['Gather Merge', { 'Node Type': 'Gather Merge' }],
    ['Incremental Sort', { 'Node Type': 'Incremental Sort' }]
  ])('%s', (label, expected) => {
    const parsed = parseNodeLabel(label)
    expect(parsed.known).toBe(true)
    expect(parsed.attributes).toMatchObject(expected)
  })

  it('keeps an unknown node type as printed, with a warning', () => {
    const plan = text([
      'Limit  (cost=0.00..1.00 rows=1 width=4)',
      '  ->  Columnar Vector Scan on events e  (cost=0.00..1.00 rows=1 width=4)',
      '        Vector Width: 8',
      '        ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)'
    ])
    const [, unknown, scan] = preorder(plan.root)
    expect(unknown!.nodeType).toBe('Columnar Vector Scan')
    expect(unknown!.attributes['Vector Width']).toBe(8)
    expect(scan!.relation).toBe('t')
    expect(plan.warnings).toEqual([expect.stringMatching(/Unknown node type "Columnar Vector Scan" on line 2/)])
  })
})

describe('the header line', () => {
  it('reads costs, per-loop timings and PostgreSQL 18 fractional rows', () => {
    const root = node([], 'Parallel Hash  (cost=23.42..23.42 rows=667 width=4) (actual time=0.166..0.167 rows=533.33 loops=3)')
    expect(root).toMatchObject({ startupCost: 23.42, totalCost: 23.42, planRows: 667, planWidth: 4, actualStartupMs: 0.166, actualTotalMs: 0.167, actualRows: 533.33, loops: 3 })
  })

  it('reads TIMING OFF and never executed nodes', () => {
    expect(node([], 'Sort  (cost=1.00..2.00 rows=10 width=4) (actual rows=12 loops=1)')).toMatchObject({ actualRows: 12, loops: 1, actualTotalMs: null })
    expect(node([], 'Sort  (cost=1.00..2.00 rows=10 width=4) (never executed)')).toMatchObject({ actualRows: 0, loops: 0, neverExecuted: true })
  })
})

describe('detail lines', () => {
  it('map to the JSON keys and typed fields', () => {
    const n = node([
      'Output: id, f(a, b), (x || \',\'::text)',
      'Filter: (amount > \'500\'::numeric)',
      'Rows Removed by Filter: 123',
      'Index Searches: 2',
      'Heap Fetches: 7',
      'Sort Key: t.a DESC, (lower(t.b))',
      'Buffers: shared hit=1 read=2 dirtied=3 written=4, local hit=5, temp read=6 written=7',
      'WAL: records=100 fpi=2 bytes=7460 buffers full=1'
    ])
    expect(n.output).toEqual(['id', 'f(a, b)', "(x || ','::text)"])
    expect(n.filter).toBe("(amount > '500'::numeric)")
    expect(n.rowsRemovedByFilter).toBe(123)
    expect(n.attributes['Index Searches']).toBe(2)
    expect(n.heapFetches).toBe(7)
    expect(n.sortKey).toEqual(['t.a DESC', '(lower(t.b))'])
    expect(n.buffers).toEqual({
      shared: { hit: 1, read: 2, dirtied: 3, written: 4 },
      local: { hit: 5, read: 0, dirtied: 0, written: 0 },
      temp: { hit: 0, read: 6, dirtied: 0, written: 7 }
    })
    expect(n.wal).toEqual({ records: 100, fpi: 2, bytes: 7460 })
    expect(n.attributes['WAL Buffers Full']).toBe(1)
  })

  it('read I/O timings as printed by PostgreSQL 12–14, 15–16 and 17+', () => {
    expect(node(['I/O Timings: read=1.500 write=0.250']).attributes).toMatchObject({ 'I/O Read Time': 1.5, 'I/O Write Time': 0.25 })
    const pg15 = node(['I/O Timings: shared/local read=1.500, temp read=0.100 write=0.200'])
    expect(pg15.attributes).toMatchObject({ 'I/O Read Time': 1.5, 'Temp I/O Read Time': 0.1, 'Temp I/O Write Time': 0.2 })
    const pg17 = node(['I/O Timings: shared read=1.000 write=2.000, local read=0.500, temp read=0.250'])
    expect(pg17.attributes).toMatchObject({ 'Shared I/O Read Time': 1, 'Shared I/O Write Time': 2, 'Local I/O Read Time': 0.5, 'Temp I/O Read Time': 0.25 })
    expect(pg17.ioReadMs).toBe(1.75)
    expect(pg17.ioWriteMs).toBe(2)
  })

  it('read sorts, hashes and caches that pack several values on one line', () => {
    expect(node(['Sort Method: external merge  Disk: 1234kB'], 'Sort  (cost=1.00..2.00 rows=1 width=4)')).toMatchObject({ sortMethod: 'external merge', sortSpaceType: 'Disk', sortSpaceUsedKb: 1234 })
    expect(node(['Sort Method: top-N heapsort  Memory: 25kB'], 'Sort  (cost=1.00..2.00 rows=1 width=4)')).toMatchObject({ sortMethod: 'top-N heapsort', sortSpaceType: 'Memory', sortSpaceUsedKb: 25 })
    const hash = node(['Buckets: 65536 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 3073kB'], 'Hash  (cost=1.00..2.00 rows=1 width=4)')
    expect(hash).toMatchObject({ hashBuckets: 65536, hashBatches: 4, peakMemoryKb: 3073 })
    expect(hash.attributes).toMatchObject({ 'Original Hash Buckets': 1024, 'Original Hash Batches': 1 })
    const hashAgg = node(['Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage: 3000kB'], 'HashAggregate  (cost=1.00..2.00 rows=1 width=4)')
    expect(hashAgg).toMatchObject({ hashBatches: 5, peakMemoryKb: 4145, diskUsageKb: 3000 })
    expect(hashAgg.attributes['Planned Partitions']).toBe(4)
    const memoize = node(['Cache Key: o.customer_id', 'Cache Mode: logical', 'Hits: 999  Misses: 2000  Evictions: 0  Overflows: 0  Memory Usage: 204kB'], 'Memoize  (cost=1.00..2.00 rows=1 width=4)')
    expect(memoize.attributes).toMatchObject({ 'Cache Key': 'o.customer_id', 'Cache Hits': 999, 'Cache Misses': 2000, 'Peak Memory Usage': 204 })
    const incremental = node(
      ['Full-sort Groups: 4  Sort Method: quicksort  Average Memory: 32kB  Peak Memory: 32kB', 'Pre-sorted Groups: 1  Sort Methods: top-N heapsort, quicksort  Average Disk: 10kB  Peak Disk: 10kB'],
      'Incremental Sort  (cost=1.00..2.00 rows=1 width=4)'
    )
    expect(incremental.attributes['Full-sort Groups']).toEqual({ 'Group Count': 4, 'Sort Methods Used': ['quicksort'], 'Sort Space Memory': { 'Average Sort Space Used': 32, 'Peak Sort Space Used': 32 } })
    expect(incremental).toMatchObject({ sortMethod: 'quicksort, top-N heapsort', sortSpaceType: 'Disk', sortSpaceUsedKb: 10 })
  })

  it('give each parallel worker its own stats, with the lines indented under it', () => {
    const n = node([
      'Worker 0:  actual time=5.594..5.879 rows=4744.00 loops=1',
      '  Sort Method: quicksort  Memory: 341kB',
      '  Buffers: shared hit=134',
      'Worker 1:  Sort Method: external merge  Disk: 2000kB',
      'Rows Removed by Filter: 5'
    ])
    expect(n.workers).toHaveLength(2)
    expect(n.workers[0]).toMatchObject({ workerNumber: 0, actualStartupMs: 5.594, actualTotalMs: 5.879, actualRows: 4744, loops: 1 })
    expect(n.workers[0]!.attributes).toMatchObject({ 'Sort Method': 'quicksort', 'Sort Space Used': 341, 'Shared Hit Blocks': 134 })
    expect(n.workers[1]!.attributes).toMatchObject({ 'Sort Method': 'external merge', 'Sort Space Type': 'Disk' })
    expect(n.rowsRemovedByFilter).toBe(5)
  })
})

describe('subplans', () => {
  it('name the node below an InitPlan, SubPlan or CTE header, old and PostgreSQL 18 style', () => {
    const plan = text([
      'Result  (cost=0.00..1.00 rows=1 width=4)',
      '  InitPlan 1 (returns $0)',
      '    ->  Result  (cost=0.00..0.01 rows=1 width=4)',
      '  InitPlan 2',
      '    ->  Result  (cost=0.00..0.01 rows=1 width=4)',
      '  CTE totals',
      '    ->  Seq Scan on t  (cost=0.00..0.01 rows=1 width=4)',
      '  ->  Seq Scan on u  (cost=0.00..0.01 rows=1 width=4)',
      '        Filter: (x = (SubPlan 3))',
      '        SubPlan 3',
      '          ->  Seq Scan on v  (cost=0.00..0.01 rows=1 width=4)',
      '  ->  Seq Scan on w  (cost=0.00..0.01 rows=1 width=4)'
    ])
    expect(preorder(plan.root).map((n) => [n.subplanName, n.parentRelationship])).toEqual([
      [null, null],
      ['InitPlan 1 (returns $0)', 'InitPlan'],
      ['InitPlan 2', 'InitPlan'],
      ['CTE totals', 'InitPlan'],
      [null, 'Outer'],
      ['SubPlan 3', 'SubPlan'],
      [null, 'Inner']
    ])
  })

  it('call the children of an Append its members', () => {
    const plan = text(['Append  (cost=0.00..1.00 rows=1 width=4)', '  ->  Seq Scan on a  (cost=0.00..1.00 rows=1 width=4)', '  ->  Seq Scan on b  (cost=0.00..1.00 rows=1 width=4)'])
    expect(plan.root.children.map((c) => c.parentRelationship)).toEqual(['Member', 'Member'])
  })
})

describe('footer', () => {
  it('reads planning, triggers, JIT, settings and execution time', () => {
    const plan = text([
      'Update on orders  (cost=0.29..8.72 rows=0 width=0) (actual time=0.189..0.189 rows=0 loops=1)',
      'Query Identifier: -8339812388221012573',
      'Planning:',
      '  Buffers: shared hit=4 read=1',
      '  Memory: used=12kB  allocated=16kB',
      'Planning Time: 0.058 ms',
      'Trigger orders_audit: time=0.151 calls=20',
      'Trigger for constraint orders_customer_id_fkey on orders: time=1.500 calls=3',
      'JIT:',
      '  Functions: 5',
      '  Options: Inlining true, Optimization false, Expressions true, Deforming true',
      '  Timing: Generation 0.244 ms (Deform 0.100 ms), Inlining 5.595 ms, Optimization 18.759 ms, Emission 13.549 ms, Total 38.146 ms',
      "Settings: work_mem = '64kB', search_path = '\"$user\", public'",
      'Execution Time: 0.351 ms'
    ])
    expect(plan.planningTimeMs).toBe(0.058)
    expect(plan.executionTimeMs).toBe(0.351)
    expect(plan.planningBuffers?.shared).toEqual({ hit: 4, read: 1, dirtied: 0, written: 0 })
    expect(plan.attributes['Query Identifier']).toBe('-8339812388221012573')
    expect(plan.attributes['Planning']).toMatchObject({ 'Memory Used': 12, 'Memory Allocated': 16 })
    expect(plan.triggers).toEqual([
      { name: 'orders_audit', relation: null, timeMs: 0.151, calls: 20 },
      { name: 'orders_customer_id_fkey', relation: 'orders', timeMs: 1.5, calls: 3 }
    ])
    expect(plan.jit).toEqual({
      functions: 5,
      options: { Inlining: true, Optimization: false, Expressions: true, Deforming: true },
      timingMs: { Generation: 0.244, Inlining: 5.595, Optimization: 18.759, Emission: 13.549, Total: 38.146 }
    })
    expect(plan.settings).toEqual({ work_mem: '64kB', search_path: '"$user", public' })
    expect(plan.warnings).toEqual([])
  })

  it('splits settings whose values hold commas and quotes', () => {
    expect(parseSettings("a = 'x, y', b.c = 'it''s', d = ''")).toEqual({ a: 'x, y', 'b.c': "it''s", d: '' })
  })
})
