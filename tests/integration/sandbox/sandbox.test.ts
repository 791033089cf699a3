/**
 * The built-in sandbox: a real server, the teaching dataset with the
 * properties the course needs, warm starts, and no orphaned postgres, ever.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxStatus } from '../../../shared/sandbox/sandbox-status'
import { SandboxService } from '../../../electron/main/services/sandbox/sandbox-service'
import { testClusterRoot } from '../support/global-setup'
import { liveProcessesMentioning, waitForNoProcessMentioning } from '../support/live-processes'

const rootDir = path.join(testClusterRoot(), 'sandbox')
/** Lifecycle tests need a server, not a million rows. */
const tinyDataset = path.join(__dirname, 'fixtures', 'tiny-dataset')
const statuses: SandboxStatus[] = []
const sandbox = new SandboxService({ rootDir, onStatus: (s) => statuses.push(s) })
let client: pg.Client

beforeAll(async () => {
  const status = await sandbox.start()
  expect(status.error).toBeNull()
  client = new pg.Client(sandbox.connectionInfo()!)
  await client.connect()
})
afterAll(async () => {
  await client.end()
  await sandbox.stop()
})

async function scalar<T>(sql: string, params: unknown[] = []): Promise<T> {
  const result = await client.query(sql, params)
  return Object.values(result.rows[0] as object)[0] as T
}

describe('sandbox dataset', () => {
  it('reports progress in order and ends ready', () => {
    const progress = statuses.map((s) => s.progress)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(statuses.at(-1)).toMatchObject({ phase: 'ready', progress: 1, serverVersion: expect.stringMatching(/^18\./) })
  })

  it('has related tables joined by foreign keys', async () => {
    const fks = await scalar<number>("select count(*)::int from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace")
    expect(fks).toBeGreaterThanOrEqual(8)
  })

  it('has a table of at least 1,000,000 rows with its lookup columns deliberately unindexed', async () => {
    expect(await scalar<number>('select count(*)::int from loans')).toBeGreaterThanOrEqual(1_000_000)
    const indexed = await client.query(
      `select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = 'loans'::regclass`
    )
    const columns = indexed.rows.map((r) => r.attname)
    expect(columns).toEqual(['id'])
    for (const unindexed of ['member_id', 'book_id', 'loaned_at']) expect(columns).not.toContain(unindexed)
  })

  it('has a JSONB column', async () => {
    expect(await scalar<string>("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'books'::regclass and attname = 'attributes'")).toBe('jsonb')
    expect(await scalar<number>("select count(*)::int from books where attributes ? 'format'")).toBe(50_000)
  })

  it('has a range-partitioned table with many partitions', async () => {
    expect(await scalar<string>("select partstrat from pg_partitioned_table where partrelid = 'events'::regclass")).toBe('r')
    expect(await scalar<number>("select count(*)::int from pg_inherits where inhparent = 'events'::regclass")).toBeGreaterThanOrEqual(12)
  })

  it('has two correlated columns that fool the planner by at least 10×', async () => {
    const { rows } = await client.query(`explain (analyze, format json) select * from members where city = 'Paris' and country_code = 'FR'`)
    const plan = rows[0]['QUERY PLAN'][0].Plan
    const factor = plan['Actual Rows'] / plan['Plan Rows']
    expect(factor).toBeGreaterThanOrEqual(10)
  })

  it('has small lookup tables', async () => {
    for (const table of ['countries', 'cities', 'genres', 'loan_statuses', 'branches']) {
      const rows = await scalar<number>(`select count(*)::int from ${client.escapeIdentifier(table)}`)
      expect(rows).toBeGreaterThan(0)
      expect(rows).toBeLessThan(1000)
    }
  })
})

describe('sandbox lifecycle', () => {
  it('a warm start does not seed again', async () => {
    const again = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox-warm'), resourcesDir: tinyDataset })
    await again.start()
    await again.stop()
    const seen: SandboxStatus[] = []
    const warm = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox-warm'), resourcesDir: tinyDataset, onStatus: (s) => seen.push(s) })
    expect((await warm.start()).phase).toBe('ready')
    expect(seen.some((s) => s.phase === 'seeding')).toBe(false)
    await warm.stop()
    // Neither the server nor its watchdog outlives stop().
    expect(await waitForNoProcessMentioning(path.join(testClusterRoot(), 'sandbox-warm', 'pgdata'), 5_000)).toEqual([])
  }, 120_000)

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`leaves no postgres process behind when the app gets ${signal}`, async () => {
      const dir = path.join(testClusterRoot(), `sandbox-${signal.toLowerCase()}`)
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'run-sandbox.ts'), dir, tinyDataset], { stdio: ['ignore', 'pipe', 'inherit'] })
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve())
        child.once('exit', (code) => reject(new Error(`sandbox child exited early (${code})`)))
      })
      const pgdata = path.join(dir, 'pgdata')
      expect(liveProcessesMentioning(pgdata).length).toBeGreaterThan(0)
      child.kill(signal)
      // After SIGKILL only the watchdog can stop the server: it notices within a second.
      expect(await waitForNoProcessMentioning(pgdata)).toEqual([])
    }, 180_000)
  }
})
