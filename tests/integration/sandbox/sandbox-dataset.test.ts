/**
 * The teaching dataset has every property the course relies on, read from the
 * catalogs and from real plans. The sandbox under test persists between runs,
 * so the million-row seed happens once per machine (and again when the SQL changes).
 */
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SandboxService } from '../../../electron/core/services/sandbox/sandbox-service'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'
import { testClusterRoot } from '../support/global-setup'

const sandbox = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox') })
let client: pg.Client

beforeAll(async () => {
  const status = await sandbox.start()
  expect(status.error).toBeNull()
  client = new pg.Client(sandbox.connectionInfo()!)
  await client.connect()
})
afterAll(async () => {
  await client?.end()
  await sandbox.stop()
})

async function scalar<T>(sql: string, params: unknown[] = []): Promise<T> {
  const result = await client.query(sql, params)
  return Object.values(result.rows[0] as object)[0] as T
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Plan Rows': number
  'Actual Rows': number
  'Actual Loops': number
  Plans?: PlanNode[]
}

/** Estimated and actual rows of the scan of `relation` in an EXPLAIN (ANALYZE, FORMAT JSON) of `sql`. */
async function scanEstimate(sql: string, relation: string): Promise<{ planRows: number; actualRows: number }> {
  const { rows } = await client.query(`explain (analyze, format json) ${sql}`)
  const find = (node: PlanNode): PlanNode | undefined =>
    node['Relation Name'] === relation ? node : node.Plans?.map(find).find(Boolean)
  const scan = find(rows[0]['QUERY PLAN'][0].Plan)
  if (!scan) throw new Error(`no scan of ${relation} in the plan`)
  // Per-loop figures (parallel workers): compare totals.
  return { planRows: scan['Plan Rows'] * scan['Actual Loops'], actualRows: scan['Actual Rows'] * scan['Actual Loops'] }
}

describe('sandbox dataset', () => {
  it('is ready, with the server version shown to the user', () => {
    expect(sandbox.status()).toMatchObject<Partial<SandboxStatus>>({ phase: 'ready', progress: 1, error: null })
    expect(sandbox.status().serverVersion).toMatch(/^\d+\.\d+/)
    expect(sandbox.connectionInfo()).toMatchObject({ host: '127.0.0.1', database: 'sandbox', user: 'postgres' })
  })

  it('relates its tables through foreign keys', async () => {
    const { rows } = await client.query<{ edge: string }>(
      `select conrelid::regclass::text || ' -> ' || confrelid::regclass::text as edge
       from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`
    )
    const edges = rows.map((r) => r.edge)
    expect(edges.length).toBeGreaterThanOrEqual(3)
    expect(edges).toEqual(
      expect.arrayContaining([
        'loans -> books',
        'loans -> members',
        'loans -> branches',
        'loans -> loan_statuses',
        'books -> authors',
        'books -> genres',
        'members -> countries',
        'events -> members'
      ])
    )
  })

  it('has a table of at least 1,000,000 rows whose lookup columns are deliberately unindexed', async () => {
    expect(await scalar<number>('select count(*)::int from loans')).toBeGreaterThanOrEqual(1_000_000)
    const { rows } = await client.query<{ columns: string[] }>(
      `select array(select a.attname from unnest(i.indkey) k join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k)::text[] as columns
       from pg_index i where i.indrelid = 'loans'::regclass`
    )
    // Only the primary key: every lookup by member, book, branch, status or date is a scan to fix.
    expect(rows.map((r) => r.columns)).toEqual([['id']])
    const unindexed = await client.query(
      "select attname from pg_attribute where attrelid = 'loans'::regclass and attname = any($1)",
      [['book_id', 'member_id', 'branch_id', 'status_id', 'loaned_at']]
    )
    expect(unindexed.rowCount).toBe(5)
    const plan = await client.query('explain (format json) select * from loans where member_id = 42')
    expect(JSON.stringify(plan.rows[0])).toContain('Seq Scan')
  })

  it('has JSONB columns with content to query', async () => {
    const jsonb = await client.query<{ col: string }>(
      `select attrelid::regclass::text || '.' || attname as col from pg_attribute
       where atttypid = 'jsonb'::regtype and attnum > 0 and attrelid in ('books'::regclass, 'events'::regclass)`
    )
    expect(jsonb.rows.map((r) => r.col).sort()).toEqual(['books.attributes', 'events.details'])
    expect(await scalar<number>("select count(*)::int from books where attributes ? 'format'")).toBe(50_000)
    expect(await scalar<number>(`select count(*)::int from books where attributes @> '{"format": "ebook"}'`)).toBeGreaterThan(1000)
  })

  it('has a table range-partitioned by month, and pruning picks one partition', async () => {
    expect(await scalar<string>("select partstrat::text from pg_partitioned_table where partrelid = 'events'::regclass")).toBe('r')
    expect(await scalar<number>("select count(*)::int from pg_inherits where inhparent = 'events'::regclass")).toBeGreaterThanOrEqual(12)
    const plan = await client.query(
      "explain (format json) select * from events where occurred_at >= '2024-03-01T00:00Z' and occurred_at < '2024-04-01T00:00Z'"
    )
    const text = JSON.stringify(plan.rows[0])
    expect(text).toContain('events_2024_03')
    expect(text).not.toContain('events_2024_04')
  })

  it('has two correlated columns the planner misestimates at least 10×, until extended statistics fix it', async () => {
    const query = "select * from members where city = 'Paris' and country_code = 'FR'"
    const before = await scanEstimate(query, 'members')
    expect(before.actualRows).toBeGreaterThan(100)
    expect(before.actualRows / before.planRows).toBeGreaterThanOrEqual(10)
    // The course's fix, tried in a transaction that is rolled back (statistics included).
    await client.query('begin')
    try {
      await client.query('create statistics members_city_country (dependencies) on city, country_code from members')
      await client.query('analyze members')
      const after = await scanEstimate(query, 'members')
      expect(after.actualRows / after.planRows).toBeLessThan(3)
    } finally {
      await client.query('rollback')
    }
  })

  it('has small lookup tables', async () => {
    for (const table of ['countries', 'cities', 'genres', 'loan_statuses', 'branches']) {
      const rows = await scalar<number>(`select count(*)::int from ${client.escapeIdentifier(table)}`)
      expect(rows, table).toBeGreaterThan(0)
      expect(rows, table).toBeLessThan(1000)
    }
  })

  it('is the same on every machine (deterministic generation)', async () => {
    const figures = await client.query(
      `select (select count(*)::int from members where city = 'Paris') as paris,
              (select sum(birth_year)::bigint::text from members) as birth_years,
              (select sum(book_id)::bigint::text from loans) as loan_books,
              (select count(*)::int from events where occurred_at < '2024-02-01T00:00Z') as january_events`
    )
    expect(figures.rows[0]).toEqual(EXPECTED_FIGURES)
  })
})

/** Measured on the embedded server; any change in how the data is generated changes them. */
const EXPECTED_FIGURES = { paris: 817, birth_years: '197242776', loan_books: '12503135811', january_events: 25310 }
