/**
 * Plans of a given size in EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) shape:
 * wide (an Append of hash-join subtrees, like a partitioned table) and deep
 * (a chain of nested loops).
 */
function scan(i: number) {
  return {
    'Node Type': 'Seq Scan',
    'Parent Relationship': 'Outer',
    'Parallel Aware': false,
    'Relation Name': `part_${i}`,
    Schema: 'public',
    Alias: `p${i}`,
    'Startup Cost': 0,
    'Total Cost': 100 + i,
    'Plan Rows': 1000,
    'Plan Width': 16,
    'Actual Startup Time': 0.01,
    'Actual Total Time': 1.5,
    'Actual Rows': 990,
    'Actual Loops': 1,
    Filter: `(p${i}.created_at > '2024-01-01'::date)`,
    'Rows Removed by Filter': 10,
    'Shared Hit Blocks': 12,
    'Shared Read Blocks': 3
  }
}

function hashJoin(i: number) {
  return {
    'Node Type': 'Hash Join',
    'Parent Relationship': 'Member',
    'Parallel Aware': false,
    'Join Type': 'Inner',
    'Startup Cost': 10,
    'Total Cost': 300 + i,
    'Plan Rows': 900,
    'Plan Width': 32,
    'Actual Startup Time': 0.2,
    'Actual Total Time': 3.5,
    'Actual Rows': 950,
    'Actual Loops': 1,
    'Hash Cond': `(p${i}.user_id = u${i}.id)`,
    'Shared Hit Blocks': 20,
    'Shared Read Blocks': 4,
    Plans: [
      scan(i),
      {
        'Node Type': 'Hash',
        'Parent Relationship': 'Inner',
        'Parallel Aware': false,
        'Startup Cost': 5,
        'Total Cost': 5,
        'Plan Rows': 100,
        'Plan Width': 8,
        'Actual Startup Time': 0.1,
        'Actual Total Time': 0.1,
        'Actual Rows': 100,
        'Actual Loops': 1,
        'Hash Buckets': 1024,
        'Hash Batches': 1,
        'Peak Memory Usage': 12,
        Plans: [{ ...scan(i), 'Relation Name': `users_${i}`, Alias: `u${i}`, 'Parent Relationship': 'Outer' }]
      }
    ]
  }
}

/**
 * The first `hotScans` subtrees made slow: each outer scan reads 100,000 rows to keep 10 and takes
 * about a sixth of the execution time, so each is worth an index (advice's threshold is 10 %).
 */
function makeHot(join: ReturnType<typeof hashJoin>) {
  const outer = join.Plans[0] as Record<string, unknown>
  Object.assign(outer, { 'Actual Total Time': 1495, 'Actual Rows': 10, 'Rows Removed by Filter': 99990 })
  Object.assign(join, { 'Actual Total Time': 1500, 'Actual Rows': 10 })
  return join
}

/** A plan with about `nodes` nodes: an Append over hash-join subtrees of 4 nodes each. */
export function widePlan(nodes: number, { hotScans = 0 }: { hotScans?: number } = {}): string {
  const subtrees = Math.max(1, Math.round((nodes - 1) / 4))
  const root = {
    'Node Type': 'Append',
    'Parallel Aware': false,
    'Startup Cost': 0,
    'Total Cost': 1e6,
    'Plan Rows': 1e6,
    'Plan Width': 32,
    'Actual Startup Time': 0.1,
    'Actual Total Time': 9000,
    'Actual Rows': 950 * subtrees,
    'Actual Loops': 1,
    Plans: Array.from({ length: subtrees }, (_, i) => (i < hotScans ? makeHot(hashJoin(i)) : hashJoin(i)))
  }
  return JSON.stringify([{ Plan: root, 'Planning Time': 12.5, Triggers: [], 'Execution Time': 9000 }], null, 2)
}

/** A chain of `depth` nested loops, each with a scan on its inner side. */
export function deepPlan(depth: number): string {
  let node: Record<string, unknown> = scan(0)
  for (let i = 1; i < depth; i++) {
    node = {
      'Node Type': 'Nested Loop',
      'Parent Relationship': 'Outer',
      'Parallel Aware': false,
      'Join Type': 'Inner',
      'Startup Cost': 0,
      'Total Cost': 10 * i,
      'Plan Rows': 10,
      'Plan Width': 8,
      'Actual Startup Time': 0.01,
      'Actual Total Time': 0.01 * i,
      'Actual Rows': 10,
      'Actual Loops': 1,
      Plans: [node, { ...scan(i), 'Parent Relationship': 'Inner' }]
    }
  }
  return JSON.stringify([{ Plan: node, 'Planning Time': 1, Triggers: [], 'Execution Time': depth * 0.01 }], null, 2)
}
