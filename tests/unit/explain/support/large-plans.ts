/**
 * Generated plans of any size, in both formats, for the speed tests.
 *
 * A Gather over an Append of many Hash Join subtrees, each with the detail
 * lines a VERBOSE, BUFFERS plan carries, so the text parser sees realistic
 * indentation, workers and packed lines.
 */

function subtreeLines(i: number, indent: string): string[] {
  const d = indent + '      '
  const e = d + '      '
  return [
    `${indent}->  Hash Join  (cost=${i}.00..${i + 100}.50 rows=${i % 997} width=16) (actual time=0.${i % 1000}..1.${i % 1000} rows=${i % 500} loops=1)`,
    `${d}Output: t${i}.id, t${i}.payload, u${i}.name`,
    `${d}Hash Cond: (t${i}.user_id = u${i}.id)`,
    `${d}Buffers: shared hit=${i % 300} read=${i % 7}`,
    `${d}->  Seq Scan on public.table_${i} t${i}  (cost=0.00..${i}.00 rows=${i % 1000} width=12) (actual time=0.010..0.${i % 1000} rows=${i % 1000} loops=1)`,
    `${e}Output: t${i}.id, t${i}.user_id, t${i}.payload`,
    `${e}Filter: ((t${i}.payload ~~ '%needle%'::text) AND (t${i}.id > ${i}))`,
    `${e}Rows Removed by Filter: ${i % 77}`,
    `${e}Buffers: shared hit=${i % 200}`,
    `${d}->  Hash  (cost=10.00..10.00 rows=100 width=8) (actual time=0.050..0.050 rows=100 loops=1)`,
    `${e}Output: u${i}.name, u${i}.id`,
    `${e}Buckets: 1024  Batches: 1  Memory Usage: 12kB`,
    `${e}->  Index Scan using users_pkey on public.users u${i}  (cost=0.29..10.00 rows=100 width=8) (actual time=0.005..0.040 rows=100 loops=1)`,
    `${e}      Output: u${i}.id, u${i}.name`,
    `${e}      Index Cond: (u${i}.id < 100)`
  ]
}

/** A text plan of at least `bytes` characters; returns it with its node count. */
export function largeTextPlan(bytes: number): { text: string; nodes: number } {
  const lines = [
    'Gather  (cost=0.00..99999999.00 rows=1000000 width=16) (actual time=0.100..9999.000 rows=1000000 loops=1)',
    '  Output: t.id',
    '  Workers Planned: 2',
    '  Workers Launched: 2',
    '  ->  Parallel Append  (cost=0.00..99999999.00 rows=1000000 width=16) (actual time=0.100..3333.000 rows=333333 loops=3)',
    '        Worker 0:  actual time=0.100..3333.000 rows=333333 loops=1',
    '          Buffers: shared hit=100'
  ]
  let size = lines.reduce((sum, line) => sum + line.length + 1, 0)
  let subtrees = 0
  while (size < bytes) {
    for (const line of subtreeLines(subtrees, '        ')) {
      lines.push(line)
      size += line.length + 1
    }
    subtrees++
  }
  lines.push('Planning Time: 1.000 ms', 'Execution Time: 9999.000 ms')
  return { text: lines.join('\n'), nodes: 2 + subtrees * 4 }
}

/** The JSON format of a plan of the same shape, at least `bytes` characters. */
export function largeJsonPlan(bytes: number): { text: string; nodes: number } {
  const members: unknown[] = []
  let size = 0
  const scan = (i: number) => ({
    'Node Type': 'Seq Scan',
    'Parent Relationship': 'Outer',
    'Parallel Aware': false,
    'Relation Name': `table_${i}`,
    Schema: 'public',
    Alias: `t${i}`,
    'Startup Cost': 0,
    'Total Cost': i,
    'Plan Rows': i % 1000,
    'Plan Width': 12,
    'Actual Startup Time': 0.01,
    'Actual Total Time': 0.5,
    'Actual Rows': i % 1000,
    'Actual Loops': 1,
    Output: [`t${i}.id`, `t${i}.user_id`, `t${i}.payload`],
    Filter: `((t${i}.payload ~~ '%needle%'::text) AND (t${i}.id > ${i}))`,
    'Rows Removed by Filter': i % 77,
    'Shared Hit Blocks': i % 200,
    'Shared Read Blocks': 0
  })
  while (size < bytes) {
    const i = members.length
    const member = {
      'Node Type': 'Hash Join',
      'Parent Relationship': 'Member',
      'Join Type': 'Inner',
      'Startup Cost': i,
      'Total Cost': i + 100.5,
      'Plan Rows': i % 997,
      'Plan Width': 16,
      'Actual Startup Time': 0.1,
      'Actual Total Time': 1.1,
      'Actual Rows': i % 500,
      'Actual Loops': 1,
      'Hash Cond': `(t${i}.user_id = u${i}.id)`,
      Plans: [
        scan(i),
        {
          'Node Type': 'Hash',
          'Parent Relationship': 'Inner',
          'Hash Buckets': 1024,
          'Hash Batches': 1,
          'Peak Memory Usage': 12,
          'Actual Total Time': 0.05,
          'Actual Loops': 1,
          Plans: [{ ...scan(i), 'Node Type': 'Index Scan', 'Index Name': 'users_pkey' }]
        }
      ]
    }
    members.push(member)
    size += JSON.stringify(member, null, 2).length + 8 * 20
  }
  const plan = [{ Plan: { 'Node Type': 'Append', 'Actual Total Time': 9999, 'Actual Loops': 1, Plans: members }, 'Planning Time': 1, 'Execution Time': 9999 }]
  return { text: JSON.stringify(plan, null, 2), nodes: 1 + members.length * 4 }
}
