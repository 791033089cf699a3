/**
 * The activity watcher against a real server: it sees real sessions, sends
 * only what changed, computes rates, pauses when nobody listens, and cancel /
 * terminate work or report the server's permission error.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ActivityUpdate } from '@shared/activity/activity-snapshot'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { ActivityService } from '../../../electron/core/services/activity/activity-service'
import { ActivityWatcher, monitorApplicationName } from '../../../electron/core/services/activity/activity-watcher'
import { lockGraphReader } from '../../../electron/core/services/locks/lock-snapshot-reader'

const url = inject('databaseUrl')
let pool: pg.Pool
const clients: pg.Client[] = []

async function session(config: pg.ClientConfig = { connectionString: url }) {
  const client = new pg.Client(config)
  client.on('error', () => {})
  await client.connect()
  clients.push(client)
  return { client, pid: (await client.query('select pg_backend_pid() as pid')).rows[0].pid as number }
}

beforeAll(() => {
  pool = new pg.Pool({ connectionString: url, max: 3 })
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
  await pool.end()
})

describe('activity watcher', () => {
  it('sees sessions, then sends only what changed, with rates from the second poll on', async () => {
    const idle = await session({ connectionString: url, application_name: 'watched-app' })
    const watcher = new ActivityWatcher({ connectionId: 'c', intervalMs: 1000, publish: () => {}, clientConfig: () => ({ connectionString: url }), readLocks: lockGraphReader })
    try {
      const first = await watcher.poll()
      expect(first.full).toBe(true)
      expect(first.upserts.find((s) => s.pid === idle.pid)).toMatchObject({ application: 'watched-app', state: 'idle', backendType: 'client backend' })
      // The watcher never reports itself.
      expect(first.upserts.some((s) => s.application === monitorApplicationName)).toBe(false)
      expect(first.stats).toMatchObject({ transactionsPerSec: null, maxConnections: expect.any(Number) })

      await idle.client.query('begin; select 1')
      const second = await watcher.poll()
      expect(second.full).toBe(false)
      expect(second.upserts.map((s) => s.pid)).toContain(idle.pid)
      expect(second.upserts.find((s) => s.pid === idle.pid)?.state).toBe('idle in transaction')
      expect(second.stats!.transactionsPerSec).not.toBeNull()
      expect(second.stats!.idleInTransaction).toBeGreaterThanOrEqual(1)

      await idle.client.end()
      const third = await watcher.poll()
      expect(third.removed).toContain(idle.pid)
    } finally {
      await watcher.dispose()
    }
  })

  it('shows who blocks whom in the same poll, and the edge goes once the blocker lets go', async () => {
    const setup = await session()
    await setup.client.query('drop table if exists watched_lock; create table watched_lock (x int)')
    const blocker = await session()
    const waiter = await session()
    await blocker.client.query('begin; lock table watched_lock in share mode')
    const insert = waiter.client.query('insert into watched_lock values (1)')
    const watcher = new ActivityWatcher({ connectionId: 'c', intervalMs: 1000, publish: () => {}, clientConfig: () => ({ connectionString: url }), readLocks: lockGraphReader })
    try {
      let update = await watcher.poll()
      for (let i = 0; i < 50 && !update.edges.some((e) => e.waiterPid === waiter.pid); i++) {
        await new Promise((r) => setTimeout(r, 50))
        update = await watcher.poll()
      }
      expect(update.edges).toContainEqual(expect.objectContaining({ waiterPid: waiter.pid, blockerPid: blocker.pid, kind: 'hard', mode: 'RowExclusiveLock', relation: 'public.watched_lock' }))
      expect(update.stats!.waiting).toBeGreaterThanOrEqual(1)
      // The next poll reads the lock rows in its own message: the same edge.
      expect((await watcher.poll()).edges).toContainEqual(expect.objectContaining({ waiterPid: waiter.pid, blockerPid: blocker.pid, kind: 'hard' }))
      await blocker.client.query('commit')
      await insert
      const after = await watcher.poll()
      expect(after.edges.some((e) => e.waiterPid === waiter.pid)).toBe(false)
      expect(after.upserts.find((s) => s.pid === waiter.pid)?.waitEventType).not.toBe('Lock')
    } finally {
      await watcher.dispose()
    }
  })

  it('polls only while someone listens', async () => {
    let listening = true
    const updates: ActivityUpdate[] = []
    const service = new ActivityService({ pools: singlePool(pool), readLocks: lockGraphReader, publish: (u) => updates.push(u), hasListeners: () => listening })
    try {
      service.watch('c', 250)
      await new Promise((r) => setTimeout(r, 900))
      expect(updates.length).toBeGreaterThanOrEqual(2)
      listening = false
      service.listenersChanged()
      const paused = updates.length
      await new Promise((r) => setTimeout(r, 700))
      expect(updates.length).toBeLessThanOrEqual(paused + 1)
    } finally {
      await service.dispose()
    }
  })

  it('cancels and terminates, and reports the permission error for a non-superuser', async () => {
    const service = new ActivityService({ pools: singlePool(pool), readLocks: lockGraphReader, publish: () => {}, hasListeners: () => false })
    const victim = await session()
    const sleeping = victim.client.query('select pg_sleep(30)').then(
      () => 'finished',
      (e: { code?: string }) => e.code
    )
    await new Promise((r) => setTimeout(r, 200))
    expect(await service.signal('c', victim.pid, 'cancel')).toEqual({ signalled: true })
    expect(await sleeping).toBe('57014')
    expect(await service.signal('c', victim.pid, 'terminate')).toEqual({ signalled: true })

    const admin = await session()
    await admin.client.query("drop role if exists tusk_weak; create role tusk_weak login password 'weak-pw'")
    const target = await session()
    const u = new URL(url)
    const weakPool = new pg.Pool({ host: u.hostname, port: Number(u.port), database: 'postgres', user: 'tusk_weak', password: 'weak-pw' })
    const weak = new ActivityService({ pools: singlePool(weakPool), readLocks: lockGraphReader, publish: () => {}, hasListeners: () => false })
    try {
      await expect(weak.signal('c', target.pid, 'terminate')).rejects.toMatchObject({ data: { sqlstate: '42501', message: expect.stringMatching(/permission denied|must be a (member|superuser)/i) } })
    } finally {
      await weakPool.end()
    }
  })
})

describe('activity watcher and a server restart', () => {
  it('reports the outage, backs off, and resumes with a full snapshot when the server is back', async () => {
    const { startThrowawayCluster } = await import('../connections/support/throwaway-cluster')
    const server = await startThrowawayCluster('watch-restart')
    await server.ensureRole('tusk_watch', 'watch-pw', 'superuser')
    const updates: ActivityUpdate[] = []
    const config = { host: '127.0.0.1', port: server.port, database: 'postgres', user: 'tusk_watch', password: 'watch-pw' }
    const watchPool = new pg.Pool(config)
    const service = new ActivityService({ pools: singlePool(watchPool), readLocks: lockGraphReader, publish: (u) => updates.push(u), hasListeners: () => true })
    try {
      service.watch('c', 250)
      const until = async (ok: () => boolean, what: string) => {
        for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 50))
        if (!ok()) throw new Error(`timed out waiting for ${what}`)
      }
      await until(() => updates.some((u) => u.stats !== null), 'a first poll')
      await server.cluster.stop('fast')
      await until(() => updates.some((u) => u.error !== null), 'the outage to be reported')
      const failedAt = updates.length
      await server.cluster.start()
      await server.ensureRole('tusk_watch', 'watch-pw', 'superuser')
      await until(() => updates.slice(failedAt).some((u) => u.error === null && u.full), 'a full snapshot after the restart')
    } finally {
      await service.dispose()
      await watchPool.end()
      await server.dispose()
    }
  }, 60_000)
})
