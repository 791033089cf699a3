/**
 * A read that found its pooled session dead gets one more try, on a session made for it.
 *
 * When every backend of ours is terminated (pg_terminate_backend, a pooler, an
 * idle timeout), the pool may hand out a session whose FATAL has not been read
 * yet: the request fails although the server is fine. Reads of the catalog and
 * of activity change nothing, so running them again is harmless; they are run
 * once more on a brand-new client (never another pooled one, which may be just
 * as dead). Never use this for anything that may have run a user's statement:
 * that one cannot know whether it ran, and must say so instead.
 */
import pg from 'pg'
import { classifyConnectionFailure, connectionFailureCodes, type DriverError } from '@shared/connections/connection-failure'

/** What a catalog reader needs: one method both a pool and a client have. */
export type Queryable = Pick<pg.ClientBase, 'query'>

/** The session died under the request (terminated, reset), as opposed to a refused or slow server. */
export function sessionDied(error: unknown): boolean {
  return classifyConnectionFailure(error as DriverError) === connectionFailureCodes.lost
}

/** `attempt(false)`; when its session died, `attempt(true)` once, whose failure is final. */
export async function retryOnceIfSessionDied<T>(attempt: (fresh: boolean) => Promise<T>): Promise<T> {
  try {
    return await attempt(false)
  } catch (error) {
    if (!sessionDied(error)) throw error
    return attempt(true)
  }
}

/** A read through the pool; when its session died, the same read on a new client with the pool's settings. */
export function readWithFreshRetry<T>(pool: pg.Pool, read: (db: Queryable) => Promise<T>): Promise<T> {
  return retryOnceIfSessionDied((fresh) => (fresh ? readOnNewClient(pool, read) : read(pool)))
}

async function readOnNewClient<T>(pool: pg.Pool, read: (db: Queryable) => Promise<T>): Promise<T> {
  const client = new pg.Client(pool.options)
  // A client that dies idle emits 'error'; without a listener that would end the process.
  client.on('error', () => undefined)
  try {
    await client.connect()
    return await read(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}
