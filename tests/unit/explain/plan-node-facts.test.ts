/**
 * What the tree's cards and the details say beyond the figures, on captured
 * plans: partition pruning, a window's definition, where the time (or the
 * cost) went, and the warning badges.
 */
import { describe, expect, it } from 'vitest'
import { listedPartitions, partitionPruning } from '@shared/explain/analyse/partition-pruning'
import { windowDefinition } from '@shared/explain/analyse/window-definition'
import { exclusiveCosts, hasTiming, hottestNode, pathTo } from '@shared/explain/analyse/hottest-node'
import { nodeWarnings } from '@shared/explain/analyse/node-warnings'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { fixture, parsed, preorder } from './support/fixtures'

const nodesOf = (name: string, format: 'json' | 'txt' = 'json') => preorder(parsed(fixture(name, format)).root)
const appendOf = (name: string, format: 'json' | 'txt' = 'json') => nodesOf(name, format).find((n) => n.nodeType === 'Append')!

describe('partition pruning', () => {
  it('says of a pasted plan only what it shows: "2 partitions scanned; 2 removed at run time"', () => {
    for (const format of ['json', 'txt'] as const) {
      const pruning = partitionPruning(appendOf('pg18-runtime-pruning', format))
      expect(pruning).toMatchObject({ table: 'events', scanned: 2, listed: 2, removed: 2, total: null, prunedAtPlanning: null, headline: '2 partitions scanned', summary: '2 partitions scanned; 2 removed at run time' })
    }
  })

  it('counts the partitions never executed as not scanned', () => {
    expect(partitionPruning(appendOf('pg18-partition-pruning'))).toMatchObject({ table: 'events', scanned: 1, neverExecuted: 2, removed: 0, summary: '1 partition scanned; 2 never executed' })
  })

  it('says nothing of partitions on a UNION ALL', () => {
    expect(partitionPruning(appendOf('pg18-union-append'))).toBeNull()
    expect(listedPartitions(parsed(fixture('pg18-union-append', 'json')).root)).toEqual([])
  })

  it('takes the total from the catalog: "3 of 13 partitions scanned (10 pruned at planning)"', () => {
    const append = preorder(parsed(plannerPruned('events')).root).find((n) => n.nodeType === 'Append')!
    const pruning = partitionPruning(append, monthsOf('public', 'events', 13))
    expect(pruning).toMatchObject({ table: 'public.events', scanned: 3, total: 13, prunedAtPlanning: 10, headline: '3 of 13 partitions scanned', summary: '3 of 13 partitions scanned (10 pruned at planning)' })
  })

  it('adds run-time pruning and never-executed partitions to the catalog total', () => {
    const append = appendOf('pg18-partition-pruning')
    const catalog = append.children.filter((c) => c.relation).map((c) => ({ schema: c.schema!, name: c.relation!, ancestors: [{ schema: 'public', name: 'events', partitions: 4 }] }))
    expect(partitionPruning(append, catalog)!.summary).toBe('1 of 4 partitions scanned (1 pruned at planning, 2 never executed)')
    const runtime = appendOf('pg18-runtime-pruning')
    const runtimeCatalog = runtime.children.map((c) => ({ schema: c.schema!, name: c.relation!, ancestors: [{ schema: 'public', name: 'events', partitions: 4 }] }))
    expect(partitionPruning(runtime, runtimeCatalog)!.summary).toBe('2 of 4 partitions scanned (2 removed at run time)')
  })

  it('counts a sub-partitioned table queried by name, the top of the tree under an alias of the user\'s', () => {
    // events → events_2024 (6 leaves) and others: 13 leaves in all.
    const catalog = monthsOf('public', 'events', 13).map((p) => ({ ...p, ancestors: [{ schema: 'public', name: 'events_2024', partitions: 6 }, ...p.ancestors] }))
    const byName = preorder(parsed(plannerPruned('events_2024')).root).find((n) => n.nodeType === 'Append')!
    expect(partitionPruning(byName, catalog)).toMatchObject({ table: 'public.events_2024', total: 6, summary: '3 of 6 partitions scanned (3 pruned at planning)' })
    const aliased = preorder(parsed(plannerPruned('e')).root).find((n) => n.nodeType === 'Append')!
    expect(partitionPruning(aliased, catalog)).toMatchObject({ table: 'public.events', total: 13 })
  })

  it('keeps to what the plan shows when the catalog does not know a partition, and never says fewer than the plan lists', () => {
    const append = preorder(parsed(plannerPruned('events')).root).find((n) => n.nodeType === 'Append')!
    expect(partitionPruning(append, monthsOf('public', 'events', 13).slice(1))).toMatchObject({ total: null, summary: '3 partitions scanned' })
    expect(partitionPruning(append, monthsOf('public', 'events', 2))).toMatchObject({ total: 3, summary: 'all 3 partitions scanned' })
  })

  it('lists each partition of the plan once, by schema and name, for the catalog lookup (quoted names kept as they are)', () => {
    const plan = parsed(plannerPruned('events').replaceAll('public.', '"Odd Schema".'))
    expect(plan.root.children[0]!.schema).toBe('Odd Schema')
    expect(listedPartitions(plan.root)).toEqual(['2024_03', '2024_04', '2024_05'].map((m) => ({ schema: 'Odd Schema', name: `events_${m}` })))
  })
})

/** An Append over three monthly partitions, the planner having left the others out; scans aliased `<alias>_<n>`. */
function plannerPruned(alias: string): string {
  const scan = (month: string, n: number) =>
    `  ->  Seq Scan on public.events_2024_${month} ${alias}_${n}  (cost=0.00..10.00 rows=100 width=8) (actual time=0.010..0.100 rows=100.00 loops=1)`
  return ['Append  (cost=0.00..30.00 rows=300 width=8) (actual time=0.010..0.300 rows=300.00 loops=1)', scan('03', 1), scan('04', 2), scan('05', 3), 'Planning Time: 0.100 ms', 'Execution Time: 0.400 ms'].join('\n')
}

/** The catalog's answer for events_2024_03 … _05 (the plan's partitions), under `parent` with `partitions` leaves. */
function monthsOf(schema: string, parent: string, partitions: number) {
  return ['03', '04', '05'].map((m) => ({ schema: 'public', name: `events_2024_${m}`, ancestors: [{ schema, name: parent, partitions }] }))
}

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
