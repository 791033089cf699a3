/**
 * EXPLAIN and EXPLAIN ANALYZE of the statement under the cursor.
 *
 * ANALYZE executes the statement, so it always runs inside BEGIN … ROLLBACK
 * (whatever the statement is: a function called by a SELECT may write), with
 * the connection's statement_timeout or 60 s as a guard. Options follow the
 * server version: SETTINGS from 12, WAL from 13.
 */
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import { splitStatements, statementAt } from '@shared/sql/split-statements'
import { statementEffect, type StatementEffect } from '@shared/sql/statement-effects'
import { postgresError } from '../query/query-service'

export interface ExplainResult {
  statement: string
  analyze: boolean
  effect: StatementEffect
  /** True when the statement ran and was rolled back (every ANALYZE). */
  rolledBack: boolean
  /** The server's EXPLAIN (FORMAT JSON) output, as it sent it. */
  planJson: string
  serverVersion: string
  durationMs: number
}

export interface ExplainInput {
  sql: string
  cursorOffset?: number
  analyze: boolean
}

export async function runExplain(
  pool: pg.Pool,
  input: ExplainInput,
  onBackend?: (pid: number) => void
): Promise<ExplainResult> {
  const statements = await splitStatements(input.sql)
  const statement = input.cursorOffset === undefined ? statements[0] : statementAt(statements, input.cursorOffset)
  if (!statement) throw new AppError({ code: 'query/empty', message: 'There is no statement to explain' })
  const effect = await statementEffect(statement.text)
  const client = await pool.connect()
  onBackend?.((client as unknown as { processID: number }).processID)
  let broken: Error | undefined
  let prefixLength = 0
  const started = performance.now()
  try {
    const version = (await client.query<{ v: string; n: string }>("select current_setting('server_version') as v, current_setting('server_version_num') as n")).rows[0]!
    const versionNum = Number(version.n)
    const options = ['FORMAT JSON', 'VERBOSE', 'BUFFERS', versionNum >= 120000 ? 'SETTINGS' : null]
    if (input.analyze) options.push('ANALYZE', versionNum >= 130000 ? 'WAL' : null)
    await client.query('begin')
    if (input.analyze) {
      const current = (await client.query<{ t: string }>("select current_setting('statement_timeout') as t")).rows[0]!.t
      if (current === '0') await client.query("set local statement_timeout = '60s'")
    }
    const prefix = `explain (${options.filter(Boolean).join(', ')}) `
    prefixLength = prefix.length
    const result = await client.query<{ 'QUERY PLAN': unknown }>({ text: prefix + statement.text, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } } as pg.QueryConfig)
    const planJson = String((result.rows[0] as unknown as string[])[0])
    return { statement: statement.text, analyze: input.analyze, effect, rolledBack: input.analyze, planJson, serverVersion: version.v, durationMs: performance.now() - started }
  } catch (error) {
    const data = postgresError(error)
    // Positions count from "explain (…) ": map them back into the submitted text.
    if (data.position !== undefined && prefixLength > 0) data.position = Math.max(1, data.position - prefixLength) + statement.start
    throw new AppError(data)
  } finally {
    await client.query('rollback').catch((e: Error) => (broken = e))
    client.release(broken)
  }
}
