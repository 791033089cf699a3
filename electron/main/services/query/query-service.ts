/**
 * One-shot queries with a row cap, on an open connection's pool.
 *
 * The streamed SQL workspace (pg-query-stream, paging, export) builds on this
 * later; here values are made JSON-safe and errors keep what psql would show.
 */
import type pg from 'pg'
import type { ParsedRequestInput } from '../../../../shared/contract'
import type { Cell, SimpleQueryResult } from '../../../../shared/query/query-result'
import { AppError, type AppErrorData } from '../../../../shared/rpc/app-error'
import { isConnectionLost, describeConnectionFailure } from '../../../../shared/connections/connection-failure'
import { TypeNames } from './type-names'

export interface PoolProvider {
  pool(id: string): pg.Pool
  reportFailure(id: string, error: unknown): void
}

export class QueryService {
  private readonly typeNames = new TypeNames()

  constructor(private readonly deps: { pools: PoolProvider }) {}

  async run(input: ParsedRequestInput<'query.run'>): Promise<SimpleQueryResult> {
    const pool = this.deps.pools.pool(input.connectionId)
    const started = performance.now()
    let result: pg.QueryResult | pg.QueryResult[]
    try {
      // rowMode 'array' keeps duplicate column names (select 1 as a, 2 as a) apart.
      result = await pool.query({ text: input.sql, rowMode: 'array' })
    } catch (error) {
      if (isConnectionLost(error as { code?: string; message?: string })) {
        this.deps.pools.reportFailure(input.connectionId, error)
        const where = pool.options as { host?: string; port?: number; database?: string; user?: string }
        throw new AppError(
          describeConnectionFailure(error as Error, {
            host: where.host ?? '?',
            port: where.port ?? 0,
            database: where.database ?? '?',
            user: where.user ?? '?',
            sslMode: ''
          })
        )
      }
      throw new AppError(postgresError(error))
    }
    const durationMs = performance.now() - started
    // A multi-statement string returns one result per statement: show the last, as psql -c does.
    const last = Array.isArray(result) ? result[result.length - 1]! : result
    const rows = (last.rows as unknown[][]) ?? []
    const fields = await this.typeNames.describe(pool, last.fields ?? [])
    return {
      command: last.command ?? '',
      rowCount: last.rowCount ?? null,
      fields,
      rows: rows.slice(0, input.maxRows).map((row) => row.map(toCell)),
      truncated: rows.length > input.maxRows,
      durationMs
    }
  }
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
  const e = error as { message?: string; code?: string; detail?: string; hint?: string; position?: string }
  const data: AppErrorData = { code: e.code && /^[0-9A-Z]{5}$/.test(e.code) ? 'pg/error' : 'query/failed', message: e.message ?? String(error) }
  if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) data.sqlstate = e.code
  if (e.detail) data.detail = e.detail
  if (e.hint) data.hint = e.hint
  if (e.position) data.position = Number(e.position)
  return data
}
