/**
 * Lock-graph snapshots against real sessions fighting over real locks: the
 * exact edges, their kind and modes, and nothing else.
 */
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { LockSnapshot } from '@shared/locks/lock-snapshot'
import { readLockSnapshot } from '../../../electron/core/services/locks/lock-snapshot-reader'

const url = inject('databaseUrl')
let observer: pg.Client
let versionNum: number
const opened: pg.Client[] = []

async function session(): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: url, application_name: 'tusk-lock-test' })
  client.on('error', () => {})
  await client.connect()
  opened.push(client)
  return { client, pid: (await client.query('select pg_backend_pid() as pid')).rows[0].pid }
}

/** Start a statement that will block; resolves once the server shows it waiting. */
async function blockedStatement(client: pg.Client, pid: number, sql: string): Promise<void> {
  client.query(sql).catch(() => undefined)
  await waitingOnLock(pid)
}

async function waitingOnLock(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await observer.query("select wait_event_type from pg_stat_activity where pid = $1", [pid])
    if (r.rows[0]?.wait_event_type === 'Lock') return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`session ${pid} never waited on a lock`)
}

function edgesAmong(snapshot: LockSnapshot, pids: number[]) {
  const ours = new Set(pids)
  return snapshot.edges.filter((e) => ours.has(e.waiterPid) || ours.has(e.blockerPid))
}

beforeAll(async () => {
  observer = new pg.Client(url)
  await observer.connect()
  versionNum = Number((await observer.query('show server_version_num')).rows[0].server_version_num)
  await observer.query(`drop table if exists lock_chain, lock_pair; create table lock_chain (id int primary key, x int); insert into lock_chain values (1, 0), (2, 0);
    create table lock_pair (id int primary key, x int); insert into lock_pair values (1, 0), (2, 0)`)
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.end().catch(() => undefined)))
})
afterAll(() => observer.end())

describe('lock graph snapshot', () => {
  it('reports a migration outage chain: hard edge to the open transaction, soft (queue-order) edge behind the ALTER', async () => {
    const holder = await session()
    const alter = await session()
    const reader = await session()
    await holder.client.query('begin; update lock_chain set x = 1 where id = 1')
    await blockedStatement(alter.client, alter.pid, 'alter table lock_chain add column added_at timestamptz default now()')
    await blockedStatement(reader.client, reader.pid, 'select * from lock_chain')
    const snapshot = await readLockSnapshot(observer, versionNum)
    expect(edgesAmong(snapshot, [holder.pid, alter.pid, reader.pid])).toEqual([
      { waiterPid: alter.pid, blockerPid: holder.pid, kind: 'hard', mode: 'AccessExclusiveLock', blockerMode: 'RowExclusiveLock', locktype: 'relation', relation: 'public.lock_chain', waitingSince: expect.any(Number) },
      { waiterPid: reader.pid, blockerPid: alter.pid, kind: 'soft', mode: 'AccessShareLock', blockerMode: 'AccessExclusiveLock', locktype: 'relation', relation: 'public.lock_chain', waitingSince: expect.any(Number) }
    ].sort((a, b) => a.waiterPid - b.waiterPid))
    expect(snapshot.rootBlockers).toContain(holder.pid)
    expect(snapshot.sessions.find((s) => s.pid === alter.pid)?.query).toMatch(/alter table/)
  })

  it('reports a deadlock-prone pair as a hard edge on the other transaction id', async () => {
    const a = await session()
    const b = await session()
    await a.client.query('begin; update lock_pair set x = 1 where id = 1')
    await b.client.query('begin; update lock_pair set x = 1 where id = 2')
    await blockedStatement(a.client, a.pid, 'update lock_pair set x = 2 where id = 2')
    const snapshot = await readLockSnapshot(observer, versionNum)
    expect(edgesAmong(snapshot, [a.pid, b.pid])).toEqual([
      { waiterPid: a.pid, blockerPid: b.pid, kind: 'hard', mode: 'ShareLock', blockerMode: 'ExclusiveLock', locktype: 'transactionid', relation: null, waitingSince: expect.any(Number) }
    ])
  })

  it('reports 40 independent blocking trees exactly', async () => {
    const tables = Array.from({ length: 40 }, (_, i) => `lock_tree_${i}`)
    await observer.query(tables.map((t) => `drop table if exists ${t}; create table ${t} (x int);`).join(''))
    const pairs = []
    for (const table of tables) {
      const holder = await session()
      const waiter = await session()
      await holder.client.query(`begin; lock table ${table} in share mode`)
      waiter.client.query(`insert into ${table} values (1)`).catch(() => undefined)
      pairs.push({ table, holder, waiter })
    }
    for (const { waiter } of pairs) await waitingOnLock(waiter.pid)
    const snapshot = await readLockSnapshot(observer, versionNum)
    const ours = edgesAmong(snapshot, pairs.flatMap((p) => [p.holder.pid, p.waiter.pid]))
    expect(ours).toHaveLength(40)
    for (const { table, holder, waiter } of pairs) {
      expect(ours).toContainEqual({ waiterPid: waiter.pid, blockerPid: holder.pid, kind: 'hard', mode: 'RowExclusiveLock', blockerMode: 'ShareLock', locktype: 'relation', relation: `public.${table}`, waitingSince: expect.any(Number) })
    }
    expect(snapshot.queryMs).toBeLessThan(2000)
  }, 120_000)
})
