/**
 * "What does this lock?" against a real server: ALTER TABLE … ADD COLUMN …
 * DEFAULT now() takes AccessExclusiveLock, UPDATE takes RowExclusiveLock, and
 * nothing is left changed.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { PoolProvider } from '../../../electron/core/postgres/pool-provider'
import { StatementLockProbe } from '../../../electron/core/services/locks/statement-lock-probe'

const url = inject('databaseUrl')
let pool: pg.Pool
const pools = { pool: () => pool, reportFailure: () => null, isReadOnly: () => false }
const probeStatementLocks = (provider: PoolProvider, input: { connectionId: string; sql: string; cursorOffset?: number }) => new StatementLockProbe({ pools: provider }).probe(input)

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: url, max: 3 })
  await pool.query('drop table if exists probe_t; create table probe_t (id int primary key, x int); insert into probe_t values (1, 1)')
})
afterAll(() => pool.end())

describe('statement lock probe', () => {
  it('lists AccessExclusiveLock for ALTER TABLE … ADD COLUMN … DEFAULT now(), and rolls it back', async () => {
    const result = await probeStatementLocks(pools, { connectionId: 'c', sql: 'alter table probe_t add column created_at timestamptz default now()' })
    expect(result.locks).toContainEqual(expect.objectContaining({ locktype: 'relation', mode: 'AccessExclusiveLock', relation: 'public.probe_t', granted: true }))
    expect(result.locks.find((l) => l.mode === 'AccessExclusiveLock')!.conflictsWith).toContain('AccessShareLock')
    const column = await pool.query("select 1 from information_schema.columns where table_name = 'probe_t' and column_name = 'created_at'")
    expect(column.rowCount).toBe(0)
  })

  it('lists RowExclusiveLock for an UPDATE, and the row is unchanged afterwards', async () => {
    const result = await probeStatementLocks(pools, { connectionId: 'c', sql: 'select 1;\nupdate probe_t set x = 42 where id = 1', cursorOffset: 15 })
    expect(result.statement).toBe('update probe_t set x = 42 where id = 1')
    expect(result.locks).toContainEqual(expect.objectContaining({ mode: 'RowExclusiveLock', relation: 'public.probe_t' }))
    expect((await pool.query('select x from probe_t where id = 1')).rows[0].x).toBe(1)
  })

  it('gives up after lock_timeout when the table is locked by someone else', async () => {
    const other = await pool.connect()
    await other.query('begin; lock table probe_t in access exclusive mode')
    try {
      const result = await probeStatementLocks(pools, { connectionId: 'c', sql: 'select * from probe_t' })
      expect(result.error?.sqlstate).toBe('55P03')
      // The timed-out request is withdrawn: nothing on the table is held.
      expect(result.locks.filter((l) => l.relation === 'public.probe_t')).toEqual([])
      expect(result.durationMs).toBeGreaterThanOrEqual(result.lockTimeoutMs - 100)
    } finally {
      await other.query('rollback')
      other.release()
    }
  })

  it('refuses on a read-only connection', async () => {
    await expect(probeStatementLocks({ ...pools, isReadOnly: () => true }, { connectionId: 'c', sql: 'update probe_t set x = 1' })).rejects.toMatchObject({ data: { code: 'locks/read-only' } })
  })
})
