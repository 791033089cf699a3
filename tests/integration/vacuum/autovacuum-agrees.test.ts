/**
 * The forecast against the server's own decision: a scratch PG 18 cluster with
 * autovacuum_naptime = 1 s. The tables are read while autovacuum is disabled on
 * them (so nothing moves), then enabled: exactly the tables the forecast put
 * past 100 % get an autovacuum / autoanalyze, the others none, including a
 * table sitting exactly on its threshold.
 */
import { rm } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedCluster } from '../../../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../../../electron/core/services/sandbox/postgres-binaries'
import { readVacuumReport } from '../../../electron/core/services/vacuum/vacuum-report-reader'
import { testClusterRoot } from '../support/global-setup'

const runDir = path.join(testClusterRoot(), `autovacuum-${process.pid}`)
let cluster: EmbeddedCluster
let db: pg.Client

beforeAll(async () => {
  cluster = new EmbeddedCluster({ dataDir: path.join(runDir, 'pgdata'), binaries: await embeddedBinaries(), settings: { autovacuum_naptime: '1' } })
  await cluster.initialise()
  await cluster.start()
  db = new pg.Client(cluster.url('postgres'))
  await db.connect()
})

afterAll(async () => {
  await db?.end().catch(() => undefined)
  await cluster?.stop()
  await rm(runDir, { recursive: true, force: true })
})

const noAnalyze = 'autovacuum_analyze_threshold = 100000'
/** name → (setup SQL after create, reloptions) */
const tables: Record<string, { options: string; setup: string[] }> = {
  on_threshold: { options: noAnalyze, setup: ['insert into on_threshold select generate_series(1, 1000)', 'vacuum analyze on_threshold', 'delete from on_threshold where id <= 250'] },
  one_over: { options: noAnalyze, setup: ['insert into one_over select generate_series(1, 1000)', 'vacuum analyze one_over', 'delete from one_over where id <= 251'] },
  tuned: {
    options: `${noAnalyze}, autovacuum_vacuum_threshold = 20, autovacuum_vacuum_scale_factor = 0`,
    setup: ['insert into tuned select generate_series(1, 100)', 'vacuum analyze tuned', 'delete from tuned where id <= 21']
  },
  inserts_due: { options: '', setup: ['insert into inserts_due select generate_series(1, 1100)'] },
  inserts_waiting: { options: '', setup: ['insert into inserts_waiting select generate_series(1, 900)'] },
  quiet: { options: '', setup: ['insert into quiet select generate_series(1, 1000)', 'vacuum analyze quiet', 'delete from quiet where id <= 10'] }
}

async function counts() {
  const rows = await db.query<{ relname: string; autovacuum_count: string; autoanalyze_count: string }>(
    `select relname, autovacuum_count, autoanalyze_count from pg_stat_user_tables where relname = any($1)`,
    [Object.keys(tables)]
  )
  return new Map(rows.rows.map((r) => [r.relname, { vacuumed: Number(r.autovacuum_count) > 0, analyzed: Number(r.autoanalyze_count) > 0 }]))
}

describe('autovacuum forecast vs the server', () => {
  it('autovacuum runs on exactly the tables forecast past their thresholds', async () => {
    for (const [name, { options, setup }] of Object.entries(tables)) {
      await db.query(`create table ${name} (id int) with (autovacuum_enabled = false${options ? `, ${options}` : ''})`)
      // Each step's counts reach the shared stats before the next (a VACUUM must not precede its INSERT's counts).
      for (const sql of setup) {
        await db.query('select pg_stat_force_next_flush()')
        await db.query(sql)
      }
    }
    await db.query('select pg_stat_force_next_flush()')
    await db.query('select 1')
    const report = await readVacuumReport(db)
    const forecast = new Map(report.tables.filter((t) => t.schema === 'public').map((t) => [t.table, t]))
    const predicted = new Map([...forecast].map(([name, t]) => [name, { vacuumed: (t.vacuumProgress ?? 0) > 1, analyzed: (t.analyzeProgress ?? 0) > 1 }]))
    expect(Object.fromEntries(predicted)).toEqual({
      on_threshold: { vacuumed: false, analyzed: false },
      one_over: { vacuumed: true, analyzed: false },
      tuned: { vacuumed: true, analyzed: false },
      inserts_due: { vacuumed: true, analyzed: true },
      inserts_waiting: { vacuumed: false, analyzed: true },
      quiet: { vacuumed: false, analyzed: false }
    })
    expect(forecast.get('on_threshold')).toMatchObject({ deadTuples: 250, vacuumThreshold: 250 })

    for (const name of Object.keys(tables)) await db.query(`alter table ${name} reset (autovacuum_enabled)`)
    const deadline = Date.now() + 30_000
    let seen = await counts()
    const allDueDone = () => [...predicted].every(([name, p]) => (!p.vacuumed || seen.get(name)?.vacuumed) && (!p.analyzed || seen.get(name)?.analyzed))
    while (!allDueDone() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500))
      seen = await counts()
    }
    // A few more naptimes: nothing else should be picked up.
    await new Promise((r) => setTimeout(r, 3000))
    seen = await counts()
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(predicted))
  })
})
