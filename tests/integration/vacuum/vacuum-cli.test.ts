/**
 * `tusk vacuum --json` on real servers of three majors: thresholds from
 * reloptions computed by hand, a forecast crossing 100 % after a DELETE,
 * and an open transaction named as the xmin holder with its dead tuples.
 */
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'

interface JsonTable {
  schema: string
  table: string
  relkind: string
  deadTuples: number
  vacuumThreshold: number | null
  insertThreshold: number | null
  analyzeThreshold: number | null
  vacuumDue: boolean
  analyzeDue: boolean
  autovacuumEnabled: boolean
  reason: string
}

const servers = [
  ['PG 18', inject('databaseUrl')],
  ['PG 15', inject('secondDatabaseUrl')]
].filter(([, url]) => url !== '')
// PG 14's statistics collector receives nothing over UDP in this container (counts stay 0): thresholds only.
const pg14 = inject('thirdDatabaseUrl')

const clients: pg.Client[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
})

async function connect(url: string) {
  const client = new pg.Client(url)
  client.on('error', () => {})
  await client.connect()
  clients.push(client)
  return client
}

/** PG 15+ flushes a session's counts when idle, at most once a second, else after 10 s: make it now. */
async function flushStats(db: pg.Client) {
  await db.query(`do $$ begin if current_setting('server_version_num')::int >= 150000 then perform pg_stat_force_next_flush(); end if; end $$`)
}

async function vacuumJson(url: string) {
  const lines: string[] = []
  expect(await runCli(['vacuum', '--db', url, '--json'], (l) => lines.push(l))).toBe(0)
  return JSON.parse(lines.join('\n')) as { tables: JsonTable[]; databases: { name: string; xidAge: number; freezeMaxAge: number }[]; xminHolders: { kind: string; pid: number | null; deadTuplesKept: number | null }[]; running: unknown[] }
}

/** Stats reach other sessions within a second or so (PG 15+ flushes on idle); wait until the table shows them. */
async function untilTable(url: string, name: string, ok: (t: JsonTable) => boolean) {
  for (let i = 0; i < 60; i++) {
    const report = await vacuumJson(url)
    const table = report.tables.find((t) => t.schema === 'public' && t.table === name)
    if (table && ok(table)) return { report, table }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${name} never reached the expected state`)
}

describe.each(servers)('tusk vacuum on %s', (_label, url) => {
  it('shows the thresholds of a table with reloptions and autovacuum disabled, computed as the server does', async () => {
    const db = await connect(url)
    await db.query('drop table if exists vac_tuned')
    await db.query(`create table vac_tuned (id int, pad text) with (autovacuum_enabled = false, autovacuum_vacuum_threshold = 100,
                      autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_threshold = 10, toast.autovacuum_vacuum_threshold = 7)`)
    await db.query('insert into vac_tuned select g, repeat(\'x\', 10) from generate_series(1, 2000) g')
    await db.query('analyze vac_tuned')
    await db.query('delete from vac_tuned where id <= 400')
    await flushStats(db)
    const { report, table } = await untilTable(url, 'vac_tuned', (t) => t.deadTuples === 400)
    // 100 + 0.05 × 2000 and 10 + 0.1 × 2000; 400 dead tuples would be due, but autovacuum is off for it.
    expect(table).toMatchObject({ relkind: 'r', vacuumThreshold: 200, analyzeThreshold: 210, autovacuumEnabled: false, vacuumDue: false, analyzeDue: false })
    expect(table.reason).toMatch(/autovacuum_enabled = false/)
    const version = Number((await db.query('show server_version_num')).rows[0].server_version_num)
    // Inserts since vacuum: 1000 + 0.2 × 2000, PG 13+.
    expect(table.insertThreshold).toBe(version >= 130000 ? 1400 : null)
    // Its TOAST table has reloptions of its own, so it does not inherit autovacuum_enabled = false.
    const toastName = (await db.query("select t.relname from pg_class c join pg_class t on t.oid = c.reltoastrelid where c.relname = 'vac_tuned'")).rows[0].relname
    const toast = report.tables.find((t) => t.table === toastName)
    expect(toast).toMatchObject({ schema: 'pg_toast', relkind: 't', autovacuumEnabled: true, vacuumThreshold: 7, analyzeThreshold: null, analyzeDue: false })
    expect(report.databases.find((d) => d.name === 'postgres')).toMatchObject({ freezeMaxAge: 200_000_000 })
  })

  it('crosses 100 % once enough rows are deleted', async () => {
    const db = await connect(url)
    await db.query('drop table if exists vac_due')
    await db.query('create table vac_due (id int)')
    await db.query('insert into vac_due select generate_series(1, 1000)')
    await flushStats(db)
    await db.query('vacuum analyze vac_due')
    await db.query('delete from vac_due where id <= 200')
    await flushStats(db)
    const before = await untilTable(url, 'vac_due', (t) => t.deadTuples === 200)
    expect(before.table).toMatchObject({ vacuumThreshold: 250, vacuumDue: false, analyzeDue: true })
    expect(before.table.reason).toMatch(/waiting: 200 of 250 dead tuples \(80 %\)/)
    await db.query('delete from vac_due where id <= 251')
    await flushStats(db)
    const after = await untilTable(url, 'vac_due', (t) => t.deadTuples !== 200)
    // Unless autovacuum got there first (it may: the table is due), 251 > 250.
    if (after.table.deadTuples === 251) {
      expect(after.table).toMatchObject({ vacuumDue: true })
      expect(after.table.reason).toMatch(/251 dead tuples > threshold 250/)
    } else {
      expect(after.table.deadTuples).toBe(0)
    }
  })

  it('names an open transaction as the xmin holder, with the dead tuples a vacuum could not remove', async () => {
    const db = await connect(url)
    await db.query('drop table if exists vac_held')
    await db.query('create table vac_held (id int) with (autovacuum_enabled = false)')
    await db.query('insert into vac_held select generate_series(1, 500)')
    const holder = await connect(url)
    const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid as number
    await holder.query('begin isolation level repeatable read')
    await holder.query('select count(*) from vac_held')
    await new Promise((r) => setTimeout(r, 20))
    await db.query('delete from vac_held where id <= 300')
    await flushStats(db)
    await db.query('vacuum vac_held')
    await flushStats(db)
    // VACUUM leaves the 300 rows the open snapshot can still see.
    await untilTable(url, 'vac_held', (t) => t.deadTuples === 300)
    const report = await vacuumJson(url)
    const held = report.xminHolders.find((h) => h.pid === holderPid)
    expect(held).toMatchObject({ kind: 'idle-in-transaction' })
    expect(held!.deadTuplesKept).toBeGreaterThanOrEqual(300)
    await holder.query('rollback')
    await db.query('vacuum vac_held')
    await flushStats(db)
    const freed = await untilTable(url, 'vac_held', (t) => t.deadTuples === 0)
    expect(freed.report.xminHolders.find((h) => h.pid === holderPid)).toBeUndefined()
  })
})

describe.skipIf(pg14 === '')('tusk vacuum on PG 14', () => {
  it('computes thresholds from reltuples and reloptions', async () => {
    const db = await connect(pg14)
    await db.query('drop table if exists vac_tuned14')
    await db.query('create table vac_tuned14 (id int) with (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)')
    await db.query('insert into vac_tuned14 select generate_series(1, 5000)')
    await db.query('vacuum analyze vac_tuned14')
    const { table } = await untilTable(pg14, 'vac_tuned14', () => true)
    expect(table).toMatchObject({ vacuumThreshold: 100, insertThreshold: 2000, analyzeThreshold: 150, autovacuumEnabled: true })
  })
})

describe('tusk vacuum, text output', () => {
  it('prints the tables, the wraparound ages and the workers', async () => {
    const lines: string[] = []
    expect(await runCli(['vacuum', '--db', inject('databaseUrl')], (l) => lines.push(l))).toBe(0)
    const text = lines.join('\n')
    expect(text).toMatch(/Databases \(transaction ID age/)
    expect(text).toMatch(/autovacuum workers \d+\/\d+/)
  })
})
