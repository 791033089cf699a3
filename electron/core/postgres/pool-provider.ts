/**
 * How every service reaches a connection's sessions, and says why they failed.
 *
 * The composition root hands each service one PoolProvider (the connection
 * supervisor); services never build pools of their own. Whatever fails on a
 * connection goes through `failureData`, so a lost server reads the same
 * ("The connection to … was lost.") from a query, an explain or the schema
 * tree, and starts the same reconnect.
 */
import type pg from 'pg'
import { AppError, type AppErrorData } from '@shared/base/app-error'
import { postgresError } from './postgres-error'

export interface PoolProvider {
  /** The pool of an open connection; throws an AppError (not open, unknown, reconnecting) otherwise. */
  pool(connectionId: string): pg.Pool
  /** A failure that is the connection's (lost, refused, pool busy…) in a user's words, else null; may start reconnecting. */
  reportFailure(connectionId: string, error: unknown): AppErrorData | null
  /** Whether the connection's sessions must stay read-only. */
  isReadOnly(connectionId: string): boolean
}

/** What the user is shown for a failure on this connection: the connection's fault in words, else the server's error. */
export function failureData(pools: PoolProvider, connectionId: string, error: unknown): AppErrorData {
  return pools.reportFailure(connectionId, error) ?? postgresError(error)
}

/** `failureData` as the error a service throws. */
export function connectionError(pools: PoolProvider, connectionId: string, error: unknown): AppError {
  return new AppError(failureData(pools, connectionId, error))
}

/** A session from the connection's pool; failing to get one is always the connection's business. */
export async function checkOut(pools: PoolProvider, connectionId: string): Promise<{ pool: pg.Pool; client: pg.PoolClient }> {
  const pool = pools.pool(connectionId)
  try {
    return { pool, client: await pool.connect() }
  } catch (error) {
    throw connectionError(pools, connectionId, error)
  }
}

/**
 * A provider over one pool, whatever the connection id: for the CLI, tests
 * and benchmarks, where no supervisor watches the connection.
 */
export function singlePool(pool: pg.Pool, options: { readOnly?: boolean } = {}): PoolProvider {
  return { pool: () => pool, reportFailure: () => null, isReadOnly: () => options.readOnly ?? false }
}
