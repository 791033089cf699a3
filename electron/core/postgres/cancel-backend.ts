/**
 * Cancel what one backend is running, from a separate short-lived connection:
 * the backend's own connection is busy with the statement being cancelled.
 */
import pg from 'pg'
import { sideSessionConfig } from './side-session'

export async function cancelBackend(pool: pg.Pool, pid: number): Promise<boolean> {
  const client = new pg.Client(sideSessionConfig(pool))
  client.on('error', () => {})
  try {
    await client.connect()
    const result = await client.query<{ ok: boolean }>('select pg_cancel_backend($1) as ok', [pid])
    return result.rows[0]?.ok === true
  } finally {
    await client.end().catch(() => undefined)
  }
}
