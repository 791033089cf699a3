/**
 * Every pooled session goes back to the pool as a new one would start.
 *
 * User SQL can leave state on a session that the next, unrelated request would
 * inherit: `SET default_transaction_read_only = off` on a read-only connection,
 * a session advisory lock, a changed role, temp tables, prepared statements.
 * When a client returns to the pool, `DISCARD ALL` resets all of it (settings
 * go back to the values of the startup packet, read-only included). pg queues
 * a client's queries in order, so the reset runs before whatever the next
 * borrower sends. A client returned broken is not reset: the pool drops it.
 */
import type pg from 'pg'
import { cutSocket, transactionStatus } from './session-facts'

/** Reset each client of `pool` as it is returned; a client the reset fails on is cut, so it is never reused. */
export function resetSessionsOnReturn(pool: pg.Pool): void {
  pool.on('release', (error: Error | undefined, client: pg.PoolClient) => {
    if (error || pool.ending) return
    void resetSession(client)
  })
}

async function resetSession(client: pg.PoolClient): Promise<void> {
  // Both are queued now, before the next borrower's first query can slip in between.
  // DISCARD ALL cannot run inside a transaction block: end one a caller left open first.
  const status = transactionStatus(client)
  const queued = [status === 'T' || status === 'E' ? client.query('rollback') : null, client.query('discard all')]
  try {
    await Promise.all(queued)
  } catch {
    cutSocket(client)
  }
}
