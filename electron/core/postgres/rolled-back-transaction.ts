/**
 * Run something for real and keep none of it: BEGIN … ROLLBACK on a pooled session.
 *
 * Explain Analyze and the lock probe execute the user's statement to learn
 * what it costs or locks; whatever it is (a SELECT may call a function that
 * writes), it runs inside a transaction that is always rolled back. A session
 * whose state is in doubt afterwards (the rollback failed, the connection
 * broke, an error that is not the server's) is discarded, never reused; so is
 * one the caller says may have changed outside the transaction (a session
 * advisory lock, a setting a function changed), whatever the reset would catch.
 */
import type pg from 'pg'
import { isConnectionLost } from '@shared/connections/connection-failure'
import { hasSqlState } from './postgres-error'
import { checkOut, type PoolProvider } from './pool-provider'

/**
 * `work` on a session of the connection, inside a transaction that is rolled back.
 *
 * `onSession` hears the session before the transaction begins (to note its
 * backend pid for a cancel); `discard` closes the session afterwards instead of
 * returning it to the pool. Getting a session that fails is reported as the
 * connection's failure; errors of `work` come back as they were thrown.
 */
export async function inRolledBackTransaction<T>(
  pools: PoolProvider,
  connectionId: string,
  work: (client: pg.PoolClient, pool: pg.Pool) => Promise<T>,
  options: { onSession?: (client: pg.PoolClient) => void; discard?: boolean } = {}
): Promise<T> {
  const { pool, client } = await checkOut(pools, connectionId)
  let broken: Error | undefined = options.discard ? new Error('the statement may have changed the session') : undefined
  try {
    options.onSession?.(client)
    await client.query('begin')
    return await work(client, pool)
  } catch (error) {
    if (!hasSqlState(error) || isConnectionLost(error as Error)) broken = error as Error
    throw error
  } finally {
    await client.query('rollback').catch((error: Error) => (broken ??= error))
    client.release(broken)
  }
}
