/**
 * Export writes the whole result to a file in the main process; psql's own
 * \copy reads the CSV back with the same row count.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ExportProgress } from '@shared/query/result-export'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { ResultExporter } from '../../../electron/core/services/query/result-export'

const url = inject('databaseUrl')
const psql = ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'].find((p) => existsSync(p))
let pool: pg.Pool
const progress: ExportProgress[] = []
let exporter: ResultExporter
let dir: string

beforeAll(() => {
  pool = new pg.Pool({ connectionString: url })
  dir = mkdtempSync(path.join(os.tmpdir(), 'tusk-export-'))
  exporter = new ResultExporter({ pools: singlePool(pool), exportDir: dir, publish: (p) => progress.push(p) })
})
afterAll(() => pool.end())

async function done(exportId: string): Promise<ExportProgress> {
  for (;;) {
    const last = progress.filter((p) => p.exportId === exportId).at(-1)
    if (last && last.state !== 'running') return last
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('export', () => {
  it.skipIf(!psql)('writes 1,000,000 rows of CSV that psql \\copy reads back whole', async () => {
    const sql = "select g as id, md5(g::text) as hash, g % 7 as bucket, 'a,b \"c\"' as tricky, null::text as none, now() as at from generate_series(1, 1000000) g"
    const started = await exporter.start({ connectionId: 'x', sql, format: 'csv' })
    const finished = await done(started.exportId)
    expect(finished).toMatchObject({ state: 'done', rows: 1_000_000 })
    expect(finished.path.startsWith(dir)).toBe(true)
    // Progress was reported while it ran, not only at the end.
    expect(progress.filter((p) => p.exportId === started.exportId).length).toBeGreaterThan(1)
    const count = execFileSync(psql!, [url, '-X', '-q', '-t', '-A', '-c', 'create temp table back (id int, hash text, bucket int, tricky text, none text, at timestamptz)', '-c', `\\copy back from '${finished.path}' with (format csv, header true)`, '-c', 'select count(*) || \' \' || count(distinct tricky) || \' \' || count(none) from back'], { encoding: 'utf8' })
    expect(count.trim()).toBe('1000000 1 0')
  }, 120_000)

  it('writes JSON as an array of objects keyed by column name', async () => {
    const started = await exporter.start({ connectionId: 'x', sql: "select 1 as id, 'x' as name, null as nothing union all select 2, 'y', null", format: 'json' })
    const finished = await done(started.exportId)
    expect(finished.state).toBe('done')
    expect(JSON.parse(readFileSync(finished.path, 'utf8'))).toEqual([
      { id: '1', name: 'x', nothing: null },
      { id: '2', name: 'y', nothing: null }
    ])
  })

  it('reports a server error and refuses scripts', async () => {
    const failed = await done((await exporter.start({ connectionId: 'x', sql: 'select * from no_such_table', format: 'csv' })).exportId)
    expect(failed).toMatchObject({ state: 'failed', error: { sqlstate: '42P01' } })
    await expect(exporter.start({ connectionId: 'x', sql: 'select 1; select 2', format: 'csv' })).rejects.toMatchObject({ data: { code: 'export/one-statement' } })
  })
})
