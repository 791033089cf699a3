/**
 * The Vacuum tab's slow read with 10,000 tables (and their TOAST tables):
 * the forecast (catalog + counters + the server's equations in JS) and the
 * whole report, against a bare `select count(*) from pg_stat_all_tables` in
 * the same run (and `select *` from it, which pays for its counters as the
 * forecast does). Figures: wall time per read and the main process's CPU.
 */
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { EmbeddedCluster } from '../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../electron/core/services/sandbox/postgres-binaries'
import { readForecast } from '../electron/core/services/vacuum/vacuum-forecast-reader'
import { readVacuumReport } from '../electron/core/services/vacuum/vacuum-report-reader'
import { readAutovacuumSettings } from '../electron/core/services/vacuum/vacuum-settings-reader'
import { median } from './support/bench-sandbox'

const tables = Number(process.env.TUSK_BENCH_TABLES ?? 10_000)
const reads = 15

async function main() {
  const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
  const cluster = new EmbeddedCluster({
    dataDir: path.join(os.tmpdir(), `tusk-bench-${digest}`, 'vacuum', 'pgdata'),
    binaries: await embeddedBinaries(),
    // Nothing vacuums behind the bench's back; many tables need many locks to create in one go.
    settings: { autovacuum: 'off', fsync: 'off', max_locks_per_transaction: '256', shared_buffers: '128MB' }
  })
  if (!(await cluster.isInitialised())) await cluster.initialise()
  await cluster.start()
  const db = new pg.Client(cluster.url('postgres'))
  await db.connect()
  try {
    const have = Number((await db.query("select count(*) from pg_class where relname like 'bench_vac_%' and relkind = 'r'")).rows[0].count)
    for (let from = have + 1; from <= tables; from += 1000) {
      // A tenth with reloptions, every table with a TOAST table, a few rows and dead rows in some.
      await db.query(
        `do $$ begin for i in ${from}..${Math.min(tables, from + 999)} loop
           execute format('create table bench_vac_%s (id int, note text) %s', i, case when i % 10 = 0 then 'with (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_threshold = 10)' else '' end);
           if i % 5 = 0 then execute format('insert into bench_vac_%s select g, ''x'' from generate_series(1, 20) g; delete from bench_vac_%s where id <= 5', i, i); end if;
         end loop; end $$`
      )
    }
    const count = Number((await db.query("select count(*) from pg_class where relname like 'bench_vac_%' and relkind = 'r'")).rows[0].count)
    const settings = await readAutovacuumSettings(db)
    await readForecast(db, settings)
    const bare: number[] = []
    const whole: number[] = []
    const forecast: number[] = []
    const forecastCpu: number[] = []
    const report: number[] = []
    let rows = 0
    for (let i = 0; i < reads; i++) {
      let t = performance.now()
      await db.query('select count(*) from pg_stat_all_tables')
      bare.push(performance.now() - t)
      t = performance.now()
      await db.query('select * from pg_stat_all_tables')
      whole.push(performance.now() - t)
      t = performance.now()
      const before = process.cpuUsage()
      rows = (await readForecast(db, await readAutovacuumSettings(db))).length
      const used = process.cpuUsage(before)
      forecast.push(performance.now() - t)
      forecastCpu.push((used.user + used.system) / 1000)
      t = performance.now()
      await readVacuumReport(db)
      report.push(performance.now() - t)
    }
    const f = median(forecast)
    const b = median(bare)
    console.log(`vacuum forecast over ${rows} relations (${count} tables): ${f.toFixed(1)} ms per read (${median(forecastCpu).toFixed(1)} ms main-process CPU), whole report ${median(report).toFixed(1)} ms; bare count(*) from pg_stat_all_tables ${b.toFixed(1)} ms, select * from it ${median(whole).toFixed(1)} ms`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'vacuum-forecast',
          figures: { tables: count, relations: rows, forecastMs: Number(f.toFixed(1)), forecastMainCpuMs: Number(median(forecastCpu).toFixed(1)), reportMs: Number(median(report).toFixed(1)) },
          baseline: { countPgStatAllTablesMs: Number(b.toFixed(1)), selectStarPgStatAllTablesMs: Number(median(whole).toFixed(1)) },
          ratio: Number((f / b).toFixed(2))
        })
    )
  } finally {
    await db.end()
    await cluster.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
