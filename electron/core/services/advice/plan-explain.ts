/**
 * EXPLAIN of a statement on one session, as the advice needs it: FORMAT JSON
 * with VERBOSE (schemas and output columns), ANALYZE only when asked and then
 * inside a transaction that is rolled back, under a statement_timeout guard.
 */
import type pg from 'pg'
import { serverText } from '../../postgres/cells'

export interface ExplainOptions {
  analyze: boolean
}

/** The EXPLAIN (FORMAT JSON) text of `sql`, run on `client` in the transaction the caller holds. */
export async function explainJson(client: pg.ClientBase, sql: string, options: ExplainOptions): Promise<string> {
  const explainOptions = ['FORMAT JSON', 'VERBOSE', ...(options.analyze ? ['ANALYZE', 'BUFFERS'] : [])]
  const result = await client.query<string[]>({ text: `explain (${explainOptions.join(', ')}) ${sql}`, rowMode: 'array', types: serverText })
  return String(result.rows[0]![0])
}

/** `work` inside BEGIN … ROLLBACK with a statement_timeout guard (the session's own, else 60 s). */
export async function rolledBack<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('begin')
  try {
    const current = (await client.query<{ t: string }>("select current_setting('statement_timeout') as t")).rows[0]!.t
    if (current === '0') await client.query("set local statement_timeout = '60s'")
    return await work()
  } finally {
    await client.query('rollback')
  }
}

/** Root cost and, with ANALYZE, execution time of an EXPLAIN (FORMAT JSON) text, and the index names its plan uses. */
export function planFigures(planJson: string): { cost: number; ms: number | null; indexNames: Set<string> } {
  const top = (JSON.parse(planJson) as Array<{ Plan: Record<string, unknown>; 'Execution Time'?: number }>)[0]!
  const indexNames = new Set<string>()
  const stack = [top.Plan]
  while (stack.length) {
    const node = stack.pop()!
    if (typeof node['Index Name'] === 'string') indexNames.add(node['Index Name'])
    for (const child of (node['Plans'] as Array<Record<string, unknown>> | undefined) ?? []) stack.push(child)
  }
  return { cost: Number(top.Plan['Total Cost']), ms: top['Execution Time'] ?? null, indexNames }
}
