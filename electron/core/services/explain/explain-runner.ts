/**
 * EXPLAIN and EXPLAIN ANALYZE of the statement under the cursor.
 *
 * ANALYZE executes the statement, so it always runs inside BEGIN … ROLLBACK
 * (whatever the statement is: a function called by a SELECT may write), with
 * the connection's statement_timeout or 60 s as a guard. Options follow the
 * server version: SETTINGS from 12, WAL from 13.
 */
import { AppError } from '@shared/base/app-error'
import { statementEffect, type StatementEffect } from '@shared/sql/statement-effects'
import { serverText } from '../../postgres/cells'
import { failureData, type PoolProvider } from '../../postgres/pool-provider'
import { inRolledBackTransaction } from '../../postgres/rolled-back-transaction'
import { connectedPid } from '../../postgres/session-facts'
import { statementUnderCursor } from '../../postgres/statement-under-cursor'

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
  pools: PoolProvider,
  connectionId: string,
  input: ExplainInput,
  onBackend?: (pid: number) => void
): Promise<ExplainResult> {
  const statement = await statementUnderCursor(input.sql, input.cursorOffset, 'explain')
  const effect = await statementEffect(statement.text)
  let prefixLength = 0
  const started = performance.now()
  try {
    return await inRolledBackTransaction(
      pools,
      connectionId,
      async (client) => {
        const version = (await client.query<{ v: string; n: string }>("select current_setting('server_version') as v, current_setting('server_version_num') as n")).rows[0]!
        const versionNum = Number(version.n)
        const options = ['FORMAT JSON', 'VERBOSE', 'BUFFERS', versionNum >= 120000 ? 'SETTINGS' : null]
        if (input.analyze) options.push('ANALYZE', versionNum >= 130000 ? 'WAL' : null)
        if (input.analyze) {
          const current = (await client.query<{ t: string }>("select current_setting('statement_timeout') as t")).rows[0]!.t
          if (current === '0') await client.query("set local statement_timeout = '60s'")
        }
        const prefix = `explain (${options.filter(Boolean).join(', ')}) `
        prefixLength = prefix.length
        const result = await client.query<string[]>({ text: prefix + statement.text, rowMode: 'array', types: serverText })
        const planJson = String(result.rows[0]![0])
        return { statement: statement.text, analyze: input.analyze, effect, rolledBack: input.analyze, planJson, serverVersion: version.v, durationMs: performance.now() - started }
      },
      (client) => onBackend?.(connectedPid(client))
    )
  } catch (error) {
    const data = failureData(pools, connectionId, error)
    // Positions count from "explain (…) ": map them back into the submitted text.
    if (data.position !== undefined && prefixLength > 0) data.position = Math.max(1, data.position - prefixLength) + statement.start
    throw new AppError(data)
  }
}
