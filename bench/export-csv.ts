/**
 * CSV export of the sandbox's `loans` (1,000,000 rows) through Tusk, against
 * psql's `\copy (…) to` of the same query in the same run.
 * Target: Tusk takes no more than 1.5× psql's time.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { ExportProgress } from '@shared/query/result-export'
import { singlePool } from '../electron/core/postgres/pool-provider'
import { ResultExporter } from '../electron/core/services/query/result-export'
import { median, startBenchSandbox } from './support/bench-sandbox'

const sql = 'select * from loans'
const runs = 3

async function main() {
  const psql = ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'].find((p) => existsSync(p))
  if (!psql) throw new Error('psql is needed for the baseline (apt-get install postgresql-client)')
  const sandbox = await startBenchSandbox()
  const info = sandbox.connectionInfo()!
  const url = `postgres://${info.user}:${encodeURIComponent(info.password)}@${info.host}:${info.port}/${info.database}`
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tusk-bench-export-'))
  const pool = new pg.Pool({ connectionString: url })
  const events: ExportProgress[] = []
  const exporter = new ResultExporter({ pools: singlePool(pool), exportDir: dir, publish: (p) => events.push(p) })
  const tuskOnce = async () => {
    const t = performance.now()
    const started = await exporter.start({ connectionId: 'sandbox', sql, format: 'csv' })
    for (;;) {
      const last = events.filter((e) => e.exportId === started.exportId).at(-1)
      if (last && last.state !== 'running') {
        if (last.state !== 'done') throw new Error(last.error?.message)
        rmSync(last.path)
        return { ms: performance.now() - t, rows: last.rows }
      }
      await new Promise((r) => setTimeout(r, 2))
    }
  }
  const psqlOnce = () => {
    const file = path.join(dir, 'psql.csv')
    const t = performance.now()
    execFileSync(psql, [url, '-X', '-q', '-c', `\\copy (${sql}) to '${file}' with (format csv, header true)`])
    const ms = performance.now() - t
    rmSync(file)
    return ms
  }
  try {
    psqlOnce()
    await tuskOnce()
    const tusk: number[] = []
    const base: number[] = []
    let rows = 0
    for (let i = 0; i < runs; i++) {
      base.push(psqlOnce())
      const r = await tuskOnce()
      tusk.push(r.ms)
      rows = r.rows
    }
    const ratio = median(tusk) / median(base)
    console.log(`CSV export of ${rows.toLocaleString('en-US')} rows: Tusk ${median(tusk).toFixed(0)} ms, psql \\copy ${median(base).toFixed(0)} ms (ratio ${ratio.toFixed(2)}, target <= 1.5)`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'export-csv',
          figures: { rows, tuskMs: Math.round(median(tusk)) },
          baseline: { psqlCopyMs: Math.round(median(base)) },
          ratio: Number(ratio.toFixed(2)),
          target: { ratio: 1.5, met: ratio <= 1.5 }
        })
    )
  } finally {
    await pool.end()
    await sandbox.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
