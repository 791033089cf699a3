/**
 * The service behind the Vacuum tab: a VACUUM it starts shows its phase and
 * progress in the running read while it runs, a read-only connection is
 * refused, and the report answers while an ALTER TABLE waits for a lock.
 */
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { VacuumService } from '../../../electron/core/services/vacuum/vacuum-service'

const url = inject('databaseUrl')
const pools: pg.Pool[] = []
const clients: pg.Client[] = []

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)))
})

function service(options: { readOnly?: boolean; costDelayMs?: number } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  // A throttled VACUUM stays on screen long enough to be watched.
  if (options.costDelayMs) pool.on('connect', (client) => void client.query(`set vacuum_cost_delay = ${options.costDelayMs}`).catch(() => undefined))
  pools.push(pool)
  return new VacuumService({ pools: singlePool(pool, { readOnly: options.readOnly }) })
}

async function connect() {
  const client = new pg.Client(url)
  client.on('error', () => {})
  await client.connect()
  clients.push(client)
  return client
}

describe('vacuum service', () => {
  it('shows a running VACUUM with its phase, heap blocks and a progress fraction', async () => {
    const db = await connect()
    await db.query('drop table if exists vac_slow')
    await db.query('create table vac_slow (id int, pad text) with (autovacuum_enabled = false)')
    await db.query("insert into vac_slow select g, repeat('x', 40) from generate_series(1, 100000) g")
    await db.query('create index on vac_slow (id)')
    await db.query('delete from vac_slow where id % 2 = 0')
    const vacuum = service({ costDelayMs: 20 })
    const run = vacuum.run({ connectionId: 'c', schema: 'public', table: 'vac_slow', mode: 'vacuum-analyze' })
    const phases = new Set<string>()
    let seen: Awaited<ReturnType<VacuumService['running']>>['running'][number] | undefined
    let done = false
    void run.finally(() => (done = true))
    while (!done) {
      const now = await vacuum.running('c')
      const mine = now.running.find((r) => r.relation === 'public.vac_slow')
      if (mine) {
        phases.add(`${mine.kind}: ${mine.phase}`)
        seen ??= mine
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    const result = await run
    expect(result.statement).toBe('vacuum (analyze) "public"."vac_slow"')
    expect(seen).toMatchObject({ kind: 'vacuum', auto: false, database: 'postgres' })
    expect(seen!.figures.map((f) => f.label)).toEqual(expect.arrayContaining(['heap blocks', 'scanned', 'index passes', 'dead item ids']))
    expect([...phases].some((p) => /^vacuum: (scanning heap|vacuuming indexes|vacuuming heap)/.test(p))).toBe(true)
    const after = await vacuum.report('c')
    expect(after.tables.find((t) => t.table === 'vac_slow')).toMatchObject({ deadTuples: 0 })
  })

  it('estimates the bloat a mass DELETE leaves behind a VACUUM, and flags a table without statistics', async () => {
    const db = await connect()
    await db.query('drop table if exists vac_bloated, vac_unanalyzed')
    await db.query('create table vac_bloated (id int, note text) with (autovacuum_enabled = false)')
    await db.query("insert into vac_bloated select g, 'note ' || g from generate_series(1, 20000) g")
    await db.query('delete from vac_bloated where id % 10 <> 0')
    await db.query('vacuum analyze vac_bloated')
    await db.query('create table vac_unanalyzed (id int) with (autovacuum_enabled = false)')
    await db.query('insert into vac_unanalyzed select generate_series(1, 5000)')
    await db.query('vacuum vac_unanalyzed')
    const bloat = await service().bloat('c')
    const bloated = bloat.find((b) => b.table === 'vac_bloated')!
    // 90 % of the rows are gone but the pages stay (VACUUM does not give them back mid-table).
    expect(bloated.bloatRatio).toBeGreaterThan(0.8)
    expect(bloated.statsComplete).toBe(true)
    expect(bloat.find((b) => b.table === 'vac_unanalyzed')?.statsComplete).toBe(false)
  })

  it('runs the MVCC demo on the sandbox only: it would create a table', async () => {
    await expect(service().mvccDemo('c', 'reset')).rejects.toMatchObject({ data: { code: 'vacuum/sandbox-only' } })
  })

  it('refuses VACUUM on a read-only connection', async () => {
    await expect(service({ readOnly: true }).run({ connectionId: 'c', schema: 'public', table: 'vac_slow', mode: 'vacuum' })).rejects.toMatchObject({ data: { code: 'vacuum/read-only' } })
  })

  it('quotes names: a table called "Odd ""name" is vacuumed, not injected', async () => {
    const db = await connect()
    await db.query('drop table if exists "Odd ""name"; create table "Odd ""name" (x int)')
    const result = await service().run({ connectionId: 'c', schema: 'public', table: 'Odd "name', mode: 'analyze' })
    expect(result.statement).toBe('analyze "public"."Odd ""name"')
  })

  it('answers while an ALTER TABLE waits for a lock on a table', async () => {
    const db = await connect()
    await db.query('drop table if exists vac_locked; create table vac_locked (x int)')
    const holder = await connect()
    const alter = await connect()
    await holder.query('begin; select * from vac_locked')
    const pending = alter.query('alter table vac_locked add column y int').catch(() => undefined)
    for (let i = 0; i < 100; i++) {
      const r = await db.query("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'alter table vac_locked%'")
      if (r.rows[0].n > 0) break
      await new Promise((r) => setTimeout(r, 25))
    }
    const started = performance.now()
    const report = await service().report('c')
    const bloat = await service().bloat('c')
    expect(performance.now() - started).toBeLessThan(5000)
    expect(report.tables.some((t) => t.table === 'vac_locked')).toBe(true)
    expect(Array.isArray(bloat)).toBe(true)
    await holder.query('rollback')
    await pending
  })
})
