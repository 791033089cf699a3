/**
 * One-shot queries with a row cap, on an open connection's pool.
 *
 * A single statement runs through a cursor, so only `maxRows + 1` rows ever
 * reach this process however large the result. A script of several
 * statements cannot use a cursor; it runs as one simple query and, as
 * `psql -c` does, shows the last statement's result.
 *
 * Cells keep the server's own text for everything but booleans and small
 * numbers: numeric and bigint stay exact, timestamps keep their microseconds
 * and offset, bytea is `\x…` hex, json is its JSON text.
 *
 * The session goes back to the pool clean: a transaction left open is rolled
 * back (as when psql -c exits), and on a read-only connection a session whose
 * SQL switched read-only off is closed instead of reused.
 */
import type pg from 'pg'
import QueryStream from 'pg-query-stream'
import type { ParsedRequestInput } from '@shared/api/contract'
import { isConnectionLost } from '@shared/connections/connection-failure'
import type { Cell, ResultField, SimpleQueryResult } from '@shared/query/query-result'
import { AppError, type AppErrorData } from '@shared/base/app-error'
import { transactionStatus, whenSessionDies } from '../connections/pool-registry'
import { TypeNames } from './type-names'

export interface PoolProvider {
  pool(id: string): pg.Pool
  /** A failure that is the connection's (lost, refused, pool busy…) in a user's words, else null; may start reconnecting. */
  reportFailure(id: string, error: unknown): AppErrorData | null | void
  /** Whether the connection's sessions must stay read-only. */
  isReadOnly?(id: string): boolean
}

/** Parsed to JS: bool, int2, int4, oid, float4, float8. Everything else stays the server's text. */
const parsedTypes = new Map<number, (text: string) => Cell>([
  [16, (text) => text === 't'],
  [21, Number],
  [23, Number],
  [26, Number],
  [700, floatCell],
  [701, floatCell]
])
const cellTypes = { getTypeParser: (oid: number) => parsedTypes.get(oid) ?? ((text: string) => text) }

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
    const pool = this.deps.pools.pool(id)
    const started = performance.now()
    let client: pg.PoolClient
    try {
      client = await pool.connect()
    } catch (error) {
      // Not even a session: whatever happened is the connection's business.
      throw new AppError(this.deps.pools.reportFailure(id, error) ?? postgresError(error))
    }
    let broken: Error | undefined
    let outcome: Outcome
    try {
      outcome = await runCapped(client, sql, maxRows)
    } catch (error) {
      if (isConnectionLost(error as Error) || !hasSqlState(error)) {
        broken = error as Error
        throw new AppError(this.deps.pools.reportFailure(id, error) ?? postgresError(error))
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
      if (this.deps.pools.isReadOnly?.(id)) {
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
  ;(stream.cursor as NodeJS.EventEmitter).on('error', (error: Error) => (serverError ??= error))
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
    // pg-query-stream does not surface RowDescription; its cursor's result holds it.
    const result = (stream.cursor as { _result: pg.QueryResult })._result
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

function floatCell(text: string): Cell {
  const value = Number(text)
  // NaN and ±Infinity are not JSON: keep PostgreSQL's spelling.
  return Number.isFinite(value) ? value : text
}

function hasSqlState(error: unknown): boolean {
  return /^[0-9A-Z]{5}$/.test((error as { code?: string }).code ?? '')
}

/** pg values → JSON-safe cells: dates as ISO text, bytea as \x hex, json as text. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString()
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`
  return JSON.stringify(value)
}

/** A server error with everything psql shows: SQLSTATE, detail, hint, position. */
export function postgresError(error: unknown): AppErrorData {
  if (AppError.is(error)) return error.data
  const e = error as { message?: string; code?: string; detail?: string; hint?: string; position?: string }
  const sqlstate = hasSqlState(error) ? e.code : undefined
  const data: AppErrorData = { code: sqlstate ? 'pg/error' : 'query/failed', message: e.message || String(error) }
  if (sqlstate) data.sqlstate = sqlstate
  if (e.detail) data.detail = e.detail
  if (e.hint) data.hint = e.hint
  if (e.position) data.position = Number(e.position)
  return data
}
