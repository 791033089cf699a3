/**
 * Before/after pairs of the same query, captured for the plan comparison: the
 * kind of change a user compares plans for. They run on the schema of
 * plan-cases.ts.
 */
import type { PlanCase } from './plan-cases'

export interface ComparePair {
  name: string
  before: PlanCase
  after: PlanCase
}

const serial = { max_parallel_workers_per_gather: '0' }
const same = (sql: string, before: Record<string, string>, after: Record<string, string>, name: string): ComparePair => ({
  name,
  before: { name: `${name}-before`, sql, settings: { ...serial, ...before }, options: 'ANALYZE, BUFFERS' },
  after: { name: `${name}-after`, sql, settings: { ...serial, ...after }, options: 'ANALYZE, BUFFERS' }
})

export const comparePairs: ComparePair[] = [
  // As if orders_customer_idx did not exist yet: the planner cannot use it.
  same(
    'select c.name, o.amount, o.created from orders o join customers c on c.id = o.customer_id where o.customer_id = 7 order by o.created',
    { enable_indexscan: 'off', enable_bitmapscan: 'off' },
    {},
    'index-lookup'
  ),
  // The sort that spilled to disk fits in memory once work_mem is raised.
  same('select id, note from orders where amount > 500 order by note', { work_mem: "'64kB'" }, { work_mem: "'64MB'" }, 'work-mem'),
  // Another join strategy for the same join.
  same(
    "select c.name, o.amount from orders o join customers c on c.id = o.customer_id where c.country = 'NL' and o.amount > 900",
    { enable_hashjoin: 'off', enable_mergejoin: 'off', enable_memoize: 'off' },
    {},
    'join-strategy'
  )
]
