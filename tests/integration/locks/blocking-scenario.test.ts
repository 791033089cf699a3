/**
 * The trainer's scenario builds exactly the migration-outage chain, and
 * stopping it leaves nothing behind: no waiting session, no new column.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { BlockingScenario } from '../../../electron/core/services/locks/blocking-scenario'
import { readLockSnapshot } from '../../../electron/core/services/locks/lock-snapshot-reader'

const url = inject('databaseUrl')
let pool: pg.Pool

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: url.replace(/\/postgres$/, '/scenario_db'), max: 2 })
  const admin = new pg.Client(url)
  await admin.connect()
  await admin.query('drop database if exists scenario_db with (force)')
  await admin.query('create database scenario_db')
  await admin.end()
  await pool.query('create table loans (id int primary key, status_id int); insert into loans values (1, 1), (2, 1)')
})
afterAll(() => pool.end())

describe('blocking scenario', () => {
  it('builds the chain A ← B (a writer on the same row) ← C (the ALTER, blocked by both) ← D (a read, queued), and stops cleanly', async () => {
    const scenario = new BlockingScenario({ pools: singlePool(pool) })
    const { pids } = await scenario.start('c')
    const [holder, writer, alter, reader] = pids as [number, number, number, number]
    const versionNum = Number((await pool.query('show server_version_num')).rows[0].server_version_num)
    // Other test files lock things on the same server at the same time: look at ours only.
    const ours = <E extends { waiterPid: number; blockerPid: number }>(edges: E[]) => edges.filter((e) => pids.includes(e.waiterPid) || pids.includes(e.blockerPid))
    const snapshot = await readLockSnapshot(pool, versionNum)
    const edges = ours(snapshot.edges).map((e) => `${e.waiterPid}>${e.blockerPid}:${e.kind}:${e.mode}`)
    expect(edges.sort()).toEqual(
      [
        `${writer}>${holder}:hard:ShareLock`,
        `${alter}>${holder}:hard:AccessExclusiveLock`,
        `${alter}>${writer}:hard:AccessExclusiveLock`,
        `${reader}>${alter}:soft:AccessShareLock`
      ].sort()
    )
    expect(snapshot.rootBlockers.filter((pid) => pids.includes(pid))).toEqual([holder])
    await scenario.stop('c')
    expect(ours((await readLockSnapshot(pool, versionNum)).edges)).toEqual([])
    const column = await pool.query("select 1 from information_schema.columns where table_name = 'loans' and column_name = 'scenario_note'")
    expect(column.rowCount).toBe(0)
  })

  it('stops cleanly after the trainer terminated the root blocker', { timeout: 20_000 }, async () => {
    const scenario = new BlockingScenario({ pools: singlePool(pool) })
    const { pids } = await scenario.start('c')
    await pool.query('select pg_terminate_backend($1)', [pids[0]])
    await scenario.stop('c')
    const left = await pool.query('select count(*)::int as n from pg_stat_activity where pid = any($1)', [pids])
    expect(left.rows[0].n).toBe(0)
  })
})
