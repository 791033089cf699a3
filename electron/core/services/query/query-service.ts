/**
 * One-shot queries with a row cap, on an open connection's pool.
 *
 * A single statement runs through a cursor, so only `maxRows + 1` rows ever
 * reach this process however large the result. A script of several
 * statements cannot use a cursor; it runs as one simple query and, as
 * `psql -c` does, shows the last statement's result.
 *
 * Values come back as JSON-safe cells (see postgres/cells.ts).
 *
 * The session goes back to the pool clean: a transaction left open is rolled
 * back (as when psql -c exits), and on a read-only connection a session whose
 * SQL switched read-only off is closed instead of reused.
 */
import type pg from 'pg'
import QueryStream from 'pg-query-stream'
import type { ParsedRequestInput } from '@shared/api/contract'
import { isConnectionLost } from '@shared/connections/connection-failure'
import type { ResultField, SimpleQueryResult } from '@shared/query/query-result'
import { AppError } from '@shared/base/app-error'
import { cellTypes, toCell } from '../../postgres/cells'
import { checkOut, connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { hasSqlState, postgresError } from '../../postgres/postgres-error'
import { refuseOnReadOnly } from '../../postgres/read-only-guard'
import { cursorResult, onCursorError, transactionStatus, whenSessionDies } from '../../postgres/session-facts'
import { TypeNames } from './type-names'

/** "cannot insert multiple commands into a prepared statement": the text is a script. */
const multipleCommands = '42601'

interface Outcome {
  command: string
  rowCount: number | null
  fields: Array<{ name: string; dataTypeID: number }>
  rows: unknown[][]
  truncated: boolean
}

export class QueryService {
  private readonly typeNames = new TypeNames()

  constructor(private readonly deps: { pools: PoolProvider }) {}

  async run(input: ParsedRequestInput<'query.run'>): Promise<SimpleQueryResult> {
    const { connectionId: id, sql, maxRows } = input
    await refuseOnReadOnly(this.deps.pools, id, sql)
    const started = performance.now()
    // Not even a session: whatever happened is the connection's business.
    const { pool, client } = await checkOut(this.deps.pools, id)
    let broken: Error | undefined
    let outcome: Outcome
    try {
      outcome = await runCapped(client, sql, maxRows)
    } catch (error) {
      if (isConnectionLost(error as Error) || !hasSqlState(error)) {
        broken = error as Error
        throw connectionError(this.deps.pools, id, error)
      }
      throw new AppError(postgresError(error))
    } finally {
      if (!broken) broken = await this.leaveClean(client, id)
      client.release(broken ?? false)
    }
    const durationMs = performance.now() - started
    return {
      command: outcome.command,
      rowCount: outcome.rowCount,
      fields: await this.describeFields(pool, outcome.fields),
      rows: outcome.rows.map((row) => row.map(toCell)),
      truncated: outcome.truncated,
      durationMs
    }
  }

  /** Roll back what the SQL left open; returns an error when the session must not be reused. */
  private async leaveClean(client: pg.PoolClient, id: string): Promise<Error | undefined> {
    try {
      if (transactionStatus(client) !== 'I' && transactionStatus(client) !== null) await client.query('rollback')
      if (this.deps.pools.isReadOnly(id)) {
        const check = await client.query<{ ro: string }>("select current_setting('default_transaction_read_only') as ro")
        if (check.rows[0]?.ro !== 'on') return new Error('read-only was switched off in this session')
      }
      return undefined
    } catch (error) {
      return error as Error
    }
  }

  private async describeFields(pool: pg.Pool, fields: Outcome['fields']): Promise<ResultField[]> {
    try {
      return await this.typeNames.describe(pool, fields)
    } catch {
      // The rows are what was asked for; a type name is a nicety.
      return fields.map((f) => ({ name: f.name, dataTypeId: f.dataTypeID, typeName: String(f.dataTypeID) }))
    }
  }
}

async function runCapped(client: pg.PoolClient, sql: string, maxRows: number): Promise<Outcome> {
  try {
    return await runThroughCursor(client, sql, maxRows)
  } catch (error) {
    if ((error as { code?: string }).code !== multipleCommands || !/multiple commands/i.test((error as Error).message)) throw error
    return runAsScript(client, sql, maxRows)
  }
}

async function runThroughCursor(client: pg.PoolClient, sql: string, maxRows: number): Promise<Outcome> {
  const stream = new QueryStream(sql, [], { rowMode: 'array', batchSize: Math.min(maxRows + 1, 1000), types: cellTypes })
  // The server's own words when it ends the session (57P01…), which the stream may never pass on.
  let serverError: Error | undefined
  onCursorError(stream, (error) => (serverError ??= error))
  const death = whenSessionDies(client)
  const consume = async (): Promise<Outcome> => {
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()))
    client.query(stream)
    const rows: unknown[][] = []
    let truncated = false
    for await (const row of stream as AsyncIterable<unknown[]>) {
      if (rows.length === maxRows) {
        truncated = true
        break
      }
      rows.push(row)
    }
    // Leaving the loop early destroys the stream, which closes the portal; wait until the session is free.
    if (truncated) await closed
    const result = cursorResult(stream)
    const fields = result.fields ?? []
    return {
      command: result.command ?? (fields.length > 0 ? 'SELECT' : ''),
      rowCount: truncated ? null : (result.rowCount ?? rows.length),
      fields,
      rows,
      truncated
    }
  }
  try {
    return await Promise.race([consume(), death.promise])
  } catch (error) {
    throw death.happened ? (serverError ?? error) : error
  } finally {
    death.dispose()
  }
}

async function runAsScript(client: pg.PoolClient, sql: string, maxRows: number): Promise<Outcome> {
  const results = (await client.query({ text: sql, rowMode: 'array', types: cellTypes })) as pg.QueryResult | pg.QueryResult[]
  const last = Array.isArray(results) ? results[results.length - 1]! : results
  const rows = (last.rows as unknown[][] | undefined) ?? []
  return {
    command: last.command ?? '',
    rowCount: last.rowCount ?? null,
    fields: last.fields ?? [],
    rows: rows.slice(0, maxRows),
    truncated: rows.length > maxRows
  }
}
