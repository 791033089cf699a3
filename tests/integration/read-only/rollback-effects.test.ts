/**
 * Issue 10 §4 and §5 on an ordinary (read-write) connection: Explain Analyze
 * and the lock probe name what a rollback cannot undo before running and
 * report it after; nothing a statement leaves on its session (an advisory
 * lock, a setting) reaches the next pooled request; VACUUM sent to Explain is
 * "cannot be explained"; an export of DELETE … RETURNING asks first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coreOnTestServer, dblinkTarget, installDblink, type CoreOnTestServer } from './support/core-on-test-server'

const table = 'rb_victims'
let tusk: CoreOnTestServer
let hasDblink = false

const sequenceValue = async () => Number((await tusk.admin.query('select case when is_called then last_value else 0 end as v from rb_seq')).rows[0].v)
const advisoryLocks = async () => Number((await tusk.admin.query("select count(*) as n from pg_locks where locktype = 'advisory'")).rows[0].n)
/** Advisory locks once a closed session's backend has had up to 2 s to exit. */
async function advisoryLocksSettled(): Promise<number> {
  const deadline = Date.now() + 2000
  let held = await advisoryLocks()
  while (held > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50))
    held = await advisoryLocks()
  }
  return held
}

beforeAll(async () => {
  tusk = await coreOnTestServer({ readOnly: false })
  await tusk.admin.query(`drop table if exists ${table}; create table ${table} as select g as id from generate_series(1, 50) g; drop sequence if exists rb_seq; create sequence rb_seq`)
  hasDblink = await installDblink(tusk.admin)
})
afterAll(async () => {
  await tusk.admin.query(`drop table if exists ${table}; drop sequence if exists rb_seq`)
  await tusk.close()
})

describe('Explain Analyze tells the truth about what a rollback leaves', () => {
  it.each([
    ["select nextval('rb_seq')", 'nextval advances a sequence'],
    ["select setval('rb_seq', 100)", 'setval sets a sequence'],
    ["select dblink_exec('dbname=postgres', 'delete from rb_victims')", 'dblink_exec runs SQL on another server'],
    ["select lo_export(lo_from_bytea(0, 'x'), '/tmp/tusk-never-written')", 'lo_export writes a file on the database server'],
    ['select pg_advisory_lock(42)', 'pg_advisory_lock takes a session advisory lock'],
    ['select pg_terminate_backend(2147483647)', 'pg_terminate_backend ends another session']
  ])('%s is named before it runs, and nothing runs unconfirmed', async (sql, named) => {
    const before = await sequenceValue()
    const asked = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql, analyze: true })
    expect(asked).toMatchObject({ ok: false, error: { code: 'query/effects-need-confirmation' } })
    if (!asked.ok) expect(asked.error.message).toContain(named)
    expect(await sequenceValue()).toBe(before)
  })

  it('confirmed, it runs and says what the rollback could not undo', async () => {
    const before = await sequenceValue()
    const done = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: "select nextval('rb_seq')", analyze: true, confirmEffects: true })
    expect(done).toMatchObject({ ok: true, result: { rolledBack: true, notUndone: ['nextval advances a sequence (sequences are never rolled back)'] } })
    expect(await sequenceValue()).toBe(before + 1)
  })

  it('dblink_exec, confirmed, commits on the other side, and the answer says so', async (context) => {
    if (!hasDblink) context.skip()
    await tusk.admin.query('drop table if exists rb_remote; create table rb_remote (x int)')
    try {
      const sql = `select dblink_exec('${dblinkTarget()}', 'insert into rb_remote values (1)')`
      const done = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql, analyze: true, confirmEffects: true })
      expect(done).toMatchObject({ ok: true, result: { rolledBack: true, notUndone: ['dblink_exec runs SQL on another server, which commits it there on its own'] } })
      expect(Number((await tusk.admin.query('select count(*) as n from rb_remote')).rows[0].n)).toBe(1)
    } finally {
      await tusk.admin.query('drop table if exists rb_remote')
    }
  })

  it('a plain read says nothing was left behind', async () => {
    const done = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: `select * from ${table}`, analyze: true })
    expect(done).toMatchObject({ ok: true, result: { rolledBack: true, notUndone: [] } })
  })

  it('an advisory lock taken under Explain Analyze is not held afterwards, and the next query does not inherit it', async () => {
    await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: 'select pg_advisory_lock(42)', analyze: true, confirmEffects: true })
    expect(await advisoryLocksSettled()).toBe(0)
    const next = await tusk.ask('query.run', { connectionId: tusk.connectionId, sql: "select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()", maxRows: 1 })
    expect(next).toMatchObject({ ok: true, result: { rows: [[0]] } })
  })

  it("a call hidden in the user's own IMMUTABLE function is named even before a plain EXPLAIN, which plans (and may run) it", async () => {
    await tusk.admin.query("create or replace function rb_sneaky(int) returns bigint language plpgsql immutable as $$ begin return nextval('rb_seq'); end $$")
    try {
      const before = await sequenceValue()
      const asked = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: 'select rb_sneaky(1)', analyze: false })
      expect(asked).toMatchObject({ ok: false, error: { code: 'query/effects-need-confirmation' } })
      if (!asked.ok) expect(asked.error.message).toBe('Planning may run the functions it calls, and a rollback cannot undo this: rb_sneaky calls nextval, which advances a sequence (sequences are never rolled back).')
      expect(await sequenceValue()).toBe(before)
      const done = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: 'select rb_sneaky(1)', analyze: false, confirmEffects: true })
      expect(done).toMatchObject({ ok: true, result: { notUndone: ['rb_sneaky calls nextval, which advances a sequence (sequences are never rolled back)'] } })
    } finally {
      await tusk.admin.query('drop function rb_sneaky(int)')
    }
  })

  it('VACUUM and CREATE INDEX cannot be explained, and say so', async () => {
    for (const sql of [`vacuum ${table}`, `create index on ${table} (id)`]) {
      const answer = await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql, analyze: true })
      expect(answer).toMatchObject({ ok: false, error: { code: 'explain/not-explainable' } })
      if (!answer.ok) expect(answer.error.message).toMatch(/^This statement cannot be explained/)
    }
    const indexes = await tusk.admin.query('select count(*) as n from pg_indexes where tablename = $1', [table])
    expect(Number(indexes.rows[0].n)).toBe(0)
  })
})

describe('the lock probe asks the same way', () => {
  it('names nextval, and after a yes reports it', async () => {
    const asked = await tusk.ask('locks.probeStatement', { connectionId: tusk.connectionId, sql: "select nextval('rb_seq')" })
    expect(asked).toMatchObject({ ok: false, error: { code: 'query/effects-need-confirmation' } })
    const done = await tusk.ask('locks.probeStatement', { connectionId: tusk.connectionId, sql: 'select pg_advisory_lock(7)', confirmEffects: true })
    expect(done).toMatchObject({ ok: true, result: { notUndone: ['pg_advisory_lock takes a session advisory lock, which outlives the transaction'] } })
    expect(await advisoryLocksSettled()).toBe(0)
  })
})

describe('no session state survives into the next pooled request', () => {
  it('a session advisory lock and a setting from one run are gone at the next', async () => {
    expect(await tusk.run("select pg_advisory_lock(99); set statement_timeout = '1234ms'; create temp table left_behind (x int)")).toMatchObject({ state: 'done' })
    // The reset is queued as the session returns: give it its round trip.
    expect(await advisoryLocksSettled()).toBe(0)
    const next = await tusk.ask('query.run', { connectionId: tusk.connectionId, sql: "select current_setting('statement_timeout') as t, to_regclass('pg_temp.left_behind') is null as gone", maxRows: 1 })
    expect(next).toMatchObject({ ok: true, result: { rows: [['0', true]] } })
  })
})

describe('a session returned with its transaction still open', () => {
  it('goes back rolled back and reset, before the next borrower runs anything', async () => {
    const pool = tusk.core.connections.pool(tusk.connectionId)
    const client = await pool.connect()
    await client.query('begin')
    await client.query('select pg_advisory_lock(5)')
    await client.query(`delete from ${table} where id = 1`)
    client.release()
    const next = await pool.connect()
    try {
      const seen = (await next.query("select count(*)::int as locks, (select count(*)::int from rb_victims where id = 1) as row_kept from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")).rows[0]
      expect(seen).toEqual({ locks: 0, row_kept: 1 })
    } finally {
      next.release()
    }
  })
})

describe('export re-runs a write only when asked to', () => {
  it('DELETE … RETURNING without WHERE asks first, and deletes nothing until confirmed', async () => {
    const asked = await tusk.exportOf(`delete from ${table} returning *`)
    expect(asked).toMatchObject({ ok: false, error: { code: 'query/needs-confirmation' } })
    expect(Number((await tusk.admin.query(`select count(*) as n from ${table}`)).rows[0].n)).toBe(50)
    expect(await tusk.exportOf(`delete from ${table} where id > 45 returning *`)).toMatchObject({ state: 'done', rows: 5 })
    expect(await tusk.exportOf(`delete from ${table} returning *`, { confirmUnboundedWrites: true })).toMatchObject({ state: 'done', rows: 45 })
  })
})
