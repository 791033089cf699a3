/**
 * EXPLAIN and EXPLAIN ANALYZE of the statement under the cursor.
 *
 * ANALYZE executes the statement, so it always runs inside BEGIN … ROLLBACK
 * (whatever the statement is: a function called by a SELECT may write), with
 * the connection's statement_timeout or 60 s as a guard. Options follow the
 * server version: SETTINGS from 12, WAL from 13.
 *
 * A rollback does not undo everything: calls that act outside the transaction
 * (nextval, dblink, advisory locks…) must be confirmed first and are named in
 * `notUndone` afterwards, and the session is closed rather than reused when
 * the statement may have changed it.
 */
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import type { PartitionAncestry } from '@shared/explain/analyse/partition-catalog'
import { listedPartitions } from '@shared/explain/analyse/partition-pruning'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { unexplainableKind } from '@shared/sql/explainable-statements'
import { notUndoneEffects } from '@shared/sql/rollback-note'
import { statementEffect, type StatementEffect } from '@shared/sql/statement-effects'
import { serverText } from '../../postgres/cells'
import { failureData, type PoolProvider } from '../../postgres/pool-provider'
import { refuseOnReadOnly } from '../../postgres/read-only-guard'
import { inRolledBackTransaction } from '../../postgres/rolled-back-transaction'
import { confirmOutsideEffects, guardHiddenEffects } from '../../postgres/run-confirmation'
import { connectedPid } from '../../postgres/session-facts'
import { statementUnderCursor } from '../../postgres/statement-under-cursor'
import { readPartitionAncestry } from './partition-ancestry'

export interface ExplainResult {
  statement: string
  analyze: boolean
  effect: StatementEffect
  /** True when the statement ran and was rolled back (every ANALYZE). */
  rolledBack: boolean
  /** What the rollback could not undo, one phrase per call ("nextval advances a sequence …"). */
  notUndone: string[]
  /** The server's EXPLAIN (FORMAT JSON) output, as it sent it. */
  planJson: string
  serverVersion: string
  durationMs: number
  /** The catalog's partition counts for the partitions the plan lists (partition-ancestry.ts); [] when it lists none. */
  partitions: PartitionAncestry[]
}

export interface ExplainInput {
  sql: string
  cursorOffset?: number
  analyze: boolean
  /** The user saw the calls a rollback cannot undo and said run anyway. */
  confirmEffects?: boolean
}

export async function runExplain(
  pools: PoolProvider,
  connectionId: string,
  input: ExplainInput,
  onBackend?: (pid: number) => void
): Promise<ExplainResult> {
  const statement = await statementUnderCursor(input.sql, input.cursorOffset, 'explain')
  const kind = await unexplainableKind(statement.text)
  if (kind) throw new AppError({ code: 'explain/not-explainable', message: `This statement cannot be explained: EXPLAIN takes SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE … AS, not ${kind}.` })
  const effect = await statementEffect(statement.text)
  // Plain EXPLAIN executes nothing; ANALYZE runs the statement, so it meets the same guards as Run.
  if (input.analyze) await refuseOnReadOnly(pools, connectionId, statement.text)
  const calls = input.analyze ? await confirmOutsideEffects(statement.text, input.confirmEffects ?? false) : []
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
        // The user's own functions may hide such calls; the planner runs IMMUTABLE ones even without ANALYZE.
        const context = input.analyze ? 'It runs inside BEGIN … ROLLBACK, but' : 'Planning may run the functions it calls, and'
        calls.push(...(await guardHiddenEffects(pools, connectionId, client, statement.text, { confirmed: input.confirmEffects ?? false, context })))
        const prefix = `explain (${options.filter(Boolean).join(', ')}) `
        prefixLength = prefix.length
        const result = await client.query<string[]>({ text: prefix + statement.text, rowMode: 'array', types: serverText })
        const planJson = String(result.rows[0]![0])
        const durationMs = performance.now() - started
        const partitions = await partitionsOf(client, planJson)
        return { statement: statement.text, analyze: input.analyze, effect, rolledBack: input.analyze, notUndone: notUndoneEffects(calls), planJson, serverVersion: version.v, durationMs, partitions }
      },
      // A statement that may write may also have changed the session (a function's SET, a session lock): never reuse it.
      { onSession: (client) => onBackend?.(connectedPid(client)), discard: effect !== 'reads' || calls.length > 0 }
    )
  } catch (error) {
    const data = failureData(pools, connectionId, error)
    // Positions count from "explain (…) ": map them back into the submitted text.
    if (data.position !== undefined && prefixLength > 0) data.position = Math.max(1, data.position - prefixLength) + statement.start
    throw new AppError(data)
  }
}

/**
 * The catalog's partition counts for the plan's Appends. Only a plan with an
 * Append is read again; a failure costs the totals, never the plan (the
 * transaction is rolled back anyway).
 */
async function partitionsOf(client: pg.ClientBase, planJson: string): Promise<PartitionAncestry[]> {
  if (!planJson.includes('Append"')) return []
  const parsed = parsePlan(planJson, { sourceLines: 'lazy' })
  if (!parsed.ok) return []
  return readPartitionAncestry(client, listedPartitions(parsed.plan.root)).catch(() => [])
}
