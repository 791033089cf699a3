import { describe, expect, it } from 'vitest'
import { outsideEffects } from '@shared/sql/outside-effects'
import { findOutsideEffectCalls } from '@shared/sql/outside-effect-calls'
import { findReadOnlyRefusals } from '@shared/sql/read-only-refusals'
import { unexplainableKind } from '@shared/sql/explainable-statements'
import { rollbackNote } from '@shared/sql/rollback-note'

describe('a read-only connection refuses what could write or act outside the session', () => {
  it.each([
    ['begin read write'],
    ['start transaction isolation level serializable, read write'],
    ['set transaction read write'],
    ['set session characteristics as transaction read only'],
    ['set default_transaction_read_only = off'],
    ['set local transaction_read_only to off'],
    ['reset default_transaction_read_only'],
    ['set role postgres'],
    ['set session authorization default'],
    ["select set_config('default_transaction_read_only', 'off', false)"],
    ["select set_config(name, 'off', false) from (values ('x')) v(name)"],
    ["copy (select 1) to program 'id'"],
    ["copy loans to '/tmp/loans.csv'"],
    ["copy loans from '/tmp/loans.csv'"],
    ["copy loans from program 'cat /etc/passwd'"],
    ["alter system set work_mem = '1MB'"],
    ["load 'auto_explain'"],
    ['do $$ begin delete from loans; end $$'],
    ['call cleanup()'],
    ["select * from public.dblink('host=x', 'select 1') as t(a int)"],
    ['with x as (select pg_terminate_backend(123)) select * from x'],
    ['explain analyze select pg_reload_conf()']
  ])('%s is refused', async (sql) => {
    expect(await findReadOnlyRefusals(sql)).not.toEqual([])
  })

  it.each([
    ['select * from loans where id = 1'],
    ['begin'],
    ['begin read only'],
    ['set transaction isolation level repeatable read'],
    ['set statement_timeout = 1000'],
    ['copy (select 1) to stdout'],
    ["select current_setting('default_transaction_read_only')"],
    ["select set_config('application_name', 'x', false)"],
    ['select pg_advisory_xact_lock(1)'],
    ['not sql at all']
  ])('%s may be sent', async (sql) => {
    expect(await findReadOnlyRefusals(sql)).toEqual([])
  })

  it('says why in words', async () => {
    expect(await findReadOnlyRefusals("copy (select 1) to program 'id'")).toEqual(['COPY … PROGRAM runs a shell command on the database server'])
    expect(await findReadOnlyRefusals("select lo_export(1, '/tmp/x')")).toEqual(['lo_export writes a file on the database server'])
  })
})

describe('every function on the outside-effects list is found and refused', () => {
  it.each(outsideEffects.map((entry) => [entry.prefix ? `${entry.name}_exec` : entry.name, entry.effect]))('%s', async (name, effect) => {
    const sql = `select x.${name}(1)`
    expect(await findOutsideEffectCalls(sql)).toEqual([{ function: name, effect }])
    expect(await findReadOnlyRefusals(sql)).toContain(`${name} ${effect}`)
  })

  it('names each function once, wherever it is called', async () => {
    const calls = await findOutsideEffectCalls("select nextval('s'), nextval('t') from (select pg_advisory_lock(1)) a")
    expect(calls.map((c) => c.function)).toEqual(['nextval', 'pg_advisory_lock'])
  })
})

describe('explain takes only what EXPLAIN can explain', () => {
  it.each([
    ['vacuum loans', 'VACUUM'],
    ['create index on loans (member_id)', 'CREATE INDEX'],
    ['alter table loans add column x int', 'ALTER TABLE']
  ])('%s cannot be explained (%s)', async (sql, kind) => {
    expect(await unexplainableKind(sql)).toBe(kind)
  })

  it.each([['select 1'], ['delete from loans where id = 1'], ['create table t2 as select 1'], ['values (1)'], ['selec 1']])('%s is sent', async (sql) => {
    expect(await unexplainableKind(sql)).toBeNull()
  })
})

describe('the note after a rollback', () => {
  it('says nothing changed only when nothing acts outside the transaction', () => {
    expect(rollbackNote([])).toBe('Rolled back; nothing was changed.')
    expect(rollbackNote(['nextval advances a sequence (sequences are never rolled back)'])).toBe(
      'Rolled back, but a rollback cannot undo this: nextval advances a sequence (sequences are never rolled back).'
    )
  })
})
