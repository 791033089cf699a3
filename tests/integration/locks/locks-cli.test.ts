/**
 * `tusk locks`: the same snapshot as the app, as JSON for scripts and as a
 * readable tree for a terminal.
 */
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'

const url = inject('databaseUrl')
const clients: pg.Client[] = []

async function session() {
  const client = new pg.Client(url)
  client.on('error', () => {})
  await client.connect()
  clients.push(client)
  return { client, pid: (await client.query('select pg_backend_pid() as pid')).rows[0].pid as number }
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
})

describe('tusk locks', () => {
  it('prints the blocking edge as JSON and as a tree', async () => {
    const admin = await session()
    await admin.client.query('drop table if exists cli_locked; create table cli_locked (x int)')
    const holder = await session()
    const waiter = await session()
    await holder.client.query('begin; lock table cli_locked in access exclusive mode')
    waiter.client.query('select * from cli_locked').catch(() => undefined)
    for (let i = 0; i < 100; i++) {
      const r = await admin.client.query('select wait_event_type from pg_stat_activity where pid = $1', [waiter.pid])
      if (r.rows[0]?.wait_event_type === 'Lock') break
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    const lines: string[] = []
    expect(await runCli(['locks', '--db', url, '--json'], (l) => lines.push(l))).toBe(0)
    const result = JSON.parse(lines.join('\n'))
    expect(result.edges).toContainEqual(
      expect.objectContaining({ waiterPid: waiter.pid, blockerPid: holder.pid, kind: 'hard', mode: 'AccessShareLock', relation: 'public.cli_locked' })
    )
    expect(result.sessions.map((s: { pid: number }) => s.pid)).toEqual(expect.arrayContaining([holder.pid, waiter.pid]))
    const tree: string[] = []
    await runCli(['locks', '--db', url], (l) => tree.push(l))
    expect(tree.join('\n')).toMatch(new RegExp(`pid ${holder.pid}[\\s\\S]*└─ pid ${waiter.pid}.*waits for AccessShareLock on public\\.cli_locked \\[hard`))
  })

  it('exits 2 with a message when --db is missing', async () => {
    const errors: string[] = []
    const saved = process.env.DATABASE_URL
    delete process.env.DATABASE_URL
    expect(await runCli(['locks'], () => {}, (l) => errors.push(l))).toBe(2)
    process.env.DATABASE_URL = saved
    expect(errors.join('')).toMatch(/--db/)
  })
})
