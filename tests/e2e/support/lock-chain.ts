/**
 * A blocking chain the test owns: sessions it opens itself on the sandbox,
 * each holding an advisory lock and waiting for the one before, so the lock
 * graph shows exactly that many sessions in a line — whatever else the
 * sandbox is doing — and nothing in the dataset is touched.
 */
import { expect, type Page } from '@playwright/test'
import pg from 'pg'

/** The sandbox's URL with its password (per start, secret), read from the sandbox menu as a user would. */
export async function sandboxUrl(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Sandbox…' }).click()
  const dialog = page.getByTestId('sandbox-menu')
  await dialog.getByRole('button', { name: 'Show password' }).click()
  const psql = dialog.getByTestId('sandbox-psql')
  await expect(psql).toHaveText(/^PGPASSWORD=\S+ psql /)
  const [, quoted, uri] = /^PGPASSWORD=(\S+) psql (\S+)$/.exec((await psql.textContent())!.trim())!
  const password = quoted!.startsWith("'") ? quoted!.slice(1, -1).replaceAll("'\\''", "'") : quoted!
  await dialog.getByRole('button', { name: 'Close' }).click()
  const url = new URL(uri!)
  url.password = password
  return url.toString()
}

export interface LockChain {
  /** Backend pids, the root blocker first. */
  pids: number[]
  stop: () => Promise<void>
}

/** `sessions` sessions: the first holds its lock, each next one waits for the one before (an arbitrary advisory key range). */
export async function startLockChain(url: string, sessions: number, key = 7_140_000): Promise<LockChain> {
  const clients = await Promise.all(
    Array.from({ length: sessions }, async () => {
      // A statement_timeout so a chain left by a killed test lets go by itself.
      const client = new pg.Client({ connectionString: url, application_name: 'tusk e2e lock chain', statement_timeout: 120_000 })
      client.on('error', () => {})
      await client.connect()
      return client
    })
  )
  const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid))
  const admin = new pg.Client({ connectionString: url, application_name: 'tusk e2e lock chain' })
  await admin.connect()
  const waiting = (pid: number) => admin.query<{ w: string | null }>('select wait_event_type as w from pg_stat_activity where pid = $1', [pid]).then((r) => r.rows[0]?.w)
  const pending: Array<Promise<unknown>> = []
  for (const [i, client] of clients.entries()) {
    await client.query('select pg_advisory_lock($1)', [key + i])
    if (i === 0) continue
    pending.push(client.query('select pg_advisory_lock($1)', [key + i - 1]).catch(() => undefined))
    await expect.poll(() => waiting(pids[i]!)).toBe('Lock')
  }
  return {
    pids,
    stop: async () => {
      await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids])
      await Promise.all(pending)
      await Promise.all([admin, ...clients].map((c) => c.end().catch(() => undefined)))
    }
  }
}
