/**
 * Issue 10 §3: on a connection marked read-only, no write attempt gets
 * through, and nothing reaches outside the session (files, programs, the
 * server's configuration, other backends). Each vector is sent the way a user
 * would send it, as the superuser (the guard must hold whoever logs in), and
 * then checked from a session outside Tusk.
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { coreOnTestServer, dblinkTarget, installDblink, type Answer, type CoreOnTestServer } from './support/core-on-test-server'

const table = 'ro_victims'
let tusk: CoreOnTestServer
/** A backend that is not Tusk's, which nobody may cancel or kill. */
let bystander: pg.Client

const rowsLeft = async () => Number((await tusk.admin.query(`select count(*) as n from ${table}`)).rows[0].n)
const refused = (answer: unknown) => expect(answer).toMatchObject({ ok: false, error: { code: 'query/read-only' } })
const marker = (name: string) => path.join(os.tmpdir(), `tusk-ro-${process.pid}-${name}`)

beforeAll(async () => {
  tusk = await coreOnTestServer({ readOnly: true })
  await tusk.admin.query(`drop table if exists ${table}; create table ${table} as select g as id from generate_series(1, 50) g`)
  await installDblink(tusk.admin)
  bystander = new pg.Client(inject('databaseUrl'))
  bystander.on('error', () => undefined)
  await bystander.connect()
})
afterAll(async () => {
  await tusk.admin.query(`drop table if exists ${table}`)
  await bystander.end().catch(() => undefined)
  await tusk.close()
})

describe('a read-only connection writes nothing', () => {
  it.each([
    [`begin read write; delete from ${table}; commit`],
    [`start transaction read write; delete from ${table}; commit`],
    [`set default_transaction_read_only = off; delete from ${table}`],
    [`select set_config('default_transaction_read_only', 'off', false); delete from ${table}`],
    [`set session characteristics as transaction read write; delete from ${table}`],
    [`set session authorization default; delete from ${table}`],
    [`do $$ begin delete from ${table}; end $$`],
    [`select dblink_exec('${dblinkTarget()}', 'delete from ${table}')`],
    [`select * from dblink('${dblinkTarget()}', 'delete from ${table} returning id') as t(id int)`]
  ])('%s is refused before it is sent', async (sql) => {
    refused(await tusk.run(sql))
    expect(await rowsLeft()).toBe(50)
  })

  it('a plain DELETE is refused by the server, with a message that says why', async () => {
    const done = await tusk.run(`delete from ${table} where id < 10`)
    expect(done).toMatchObject({ state: 'failed', results: [{ error: { sqlstate: '25006', message: 'cannot execute DELETE in a read-only transaction' } }] })
    expect(await rowsLeft()).toBe(50)
  })

  it('SET TRANSACTION READ WRITE inside transaction mode is refused', async () => {
    const session = await tusk.ask('session.open', { connectionId: tusk.connectionId })
    if (!session.ok) throw new Error(session.error.message)
    const sessionId = session.result.sessionId
    refused(await tusk.run(`set transaction read write; delete from ${table}`, { sessionId }))
    expect(await tusk.run(`delete from ${table}`, { sessionId, confirmUnboundedWrites: true })).toMatchObject({ state: 'failed' })
    await tusk.ask('session.end', { sessionId, action: 'close' })
    expect(await rowsLeft()).toBe(50)
  })

  it('a pooled session that went read-write comes back read-only, and exports of DELETE … RETURNING are refused', async () => {
    const pool = tusk.core.connections.pool(tusk.connectionId)
    const client = await pool.connect()
    const pid = (await client.query('select pg_backend_pid() as pid')).rows[0].pid
    await client.query('set default_transaction_read_only = off')
    client.release()
    // The same backend again (the pool hands out the session returned last).
    const again = await pool.connect()
    const seen = (await again.query("select pg_backend_pid() as pid, current_setting('default_transaction_read_only') as ro")).rows[0]
    again.release()
    expect(seen).toEqual({ pid, ro: 'on' })
    for (let i = 0; i < 6; i++) refused(await tusk.exportOf(`delete from ${table} returning *`))
    expect(await rowsLeft()).toBe(50)
  })

  it('export of a SELECT still works', async () => {
    expect(await tusk.exportOf(`select * from ${table}`)).toMatchObject({ state: 'done', rows: 50 })
  })
})

describe('a read-only connection reaches nothing outside its session', () => {
  it.each([
    ['copy-program', (file: string) => `copy (select 1) to program 'touch ${file}'`],
    // A script the parser cannot read whole still runs statement by statement: each is checked on its own.
    ['copy-program-in-broken-script', (file: string) => `copy (select 1) to program 'touch ${file}';\nselec oops;`],
    ['copy-program-from', (file: string) => `copy ${table} from program 'touch ${file}'`],
    ['copy-file', (file: string) => `copy ${table} to '${file}'`],
    ['lo-export', (file: string) => `select lo_export(lo_from_bytea(0, 'x'), '${file}')`]
  ])('%s writes no file on the server', async (name, sql) => {
    const file = marker(name)
    refused(await tusk.run(sql(file)))
    expect(existsSync(file)).toBe(false)
  })

  it('ALTER SYSTEM and pg_reload_conf change no setting', async () => {
    refused(await tusk.run("alter system set work_mem = '7MB'"))
    refused(await tusk.run('select pg_reload_conf()'))
    const pending = await tusk.admin.query("select count(*) as n from pg_file_settings where name = 'work_mem' and setting = '7MB'")
    expect(Number(pending.rows[0].n)).toBe(0)
  })

  it('no other backend is cancelled or terminated, by SQL or from the Activity view', async () => {
    const pid = (await bystander.query('select pg_backend_pid() as pid')).rows[0].pid as number
    refused(await tusk.run(`select pg_terminate_backend(${pid})`))
    refused(await tusk.run(`select pg_cancel_backend(${pid})`))
    refused(await tusk.ask('query.run', { connectionId: tusk.connectionId, sql: `select pg_terminate_backend(${pid})`, maxRows: 1 }))
    refused(await tusk.ask('activity.signal', { connectionId: tusk.connectionId, pid, action: 'cancel' }))
    refused(await tusk.ask('activity.signal', { connectionId: tusk.connectionId, pid, action: 'terminate' }))
    refused(await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: `select pg_terminate_backend(${pid})`, analyze: true }))
    expect((await bystander.query('select 1 as alive')).rows[0].alive).toBe(1)
  })

  it("a function of the user's that terminates a backend inside is refused too", async () => {
    await tusk.admin.query('create or replace function ro_sneaky(p int) returns boolean language plpgsql as $$ begin return pg_terminate_backend(p); end $$')
    const pid = (await bystander.query('select pg_backend_pid() as pid')).rows[0].pid as number
    try {
      const answer = await tusk.run(`select ro_sneaky(${pid})`)
      expect(answer).toMatchObject({ ok: false, error: { code: 'query/read-only', message: expect.stringContaining('ro_sneaky calls pg_terminate_backend, which ends another session') } })
      // Even a plain EXPLAIN: the planner may run the functions it plans.
      refused(await tusk.ask('explain.run', { connectionId: tusk.connectionId, sql: `select ro_sneaky(${pid})`, analyze: false }))
      expect((await bystander.query('select 1 as alive')).rows[0].alive).toBe(1)
    } finally {
      await tusk.admin.query('drop function ro_sneaky(int)')
    }
  })

  it('the lock scenario does not start', async () => {
    refused(await tusk.ask('locks.scenario', { connectionId: tusk.connectionId, action: 'start' }))
    const scenario = await tusk.admin.query("select count(*) as n from pg_stat_activity where application_name = 'Tusk scenario'")
    expect(Number(scenario.rows[0].n)).toBe(0)
  })

  it('the refusal says what read-only is', async () => {
    const answer = (await tusk.run("copy (select 1) to program 'true'")) as Answer
    expect(answer.ok).toBe(false)
    if (!answer.ok) expect(answer.error.message).toBe('This connection is read-only: COPY … PROGRAM runs a shell command on the database server.')
  })
})
