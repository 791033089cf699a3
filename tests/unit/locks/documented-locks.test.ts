/**
 * Statements that cannot run in a transaction block get the manual's answer
 * instead of an error: what they lock, what they wait for, what they do not
 * take, and where it is written.
 */
import { describe, expect, it } from 'vitest'
import { documentedLocks } from '@shared/locks/documented-locks'
import { parseStatements } from '@shared/sql/sql-parser'

async function describeSql(sql: string, show?: Parameters<typeof documentedLocks>[1]) {
  const stmt = (await parseStatements(sql))?.[0]?.stmt
  return documentedLocks(stmt, show)
}

describe('documented locks of statements that cannot run in a transaction block', () => {
  it('CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the table, waits for older transactions, no ACCESS EXCLUSIVE, from the manual', async () => {
    const answer = await describeSql('create index concurrently loans_member_idx on loans (member_id)', (r) => `public.${r.name}`)
    expect(answer?.command).toBe('CREATE INDEX CONCURRENTLY')
    expect(answer?.notRun).toContain('cannot run inside a transaction block')
    expect(answer?.locks).toEqual([expect.objectContaining({ mode: 'ShareUpdateExclusiveLock', on: 'public.loans' })])
    expect(answer?.locks.some((l) => l.mode === 'AccessExclusiveLock')).toBe(false)
    expect(answer?.waits.join(' ')).toMatch(/transaction whose snapshot is older/)
    expect(answer?.waits.join(' ')).toMatch(/written to public\.loans/)
    expect(answer?.notTaken).toMatch(/No ACCESS EXCLUSIVE lock on public\.loans/)
    expect(answer?.notes.join(' ')).toMatch(/INVALID index/)
    expect(answer?.sources.map((s) => s.url)).toContain('https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY')
  })

  it('a plain CREATE INDEX, an UPDATE or ANALYZE are probed for real (no documented answer)', async () => {
    expect(await describeSql('create index on loans (member_id)')).toBeNull()
    expect(await describeSql('update loans set status_id = 2 where id = 1')).toBeNull()
    expect(await describeSql('analyze loans')).toBeNull()
    expect(await describeSql('reindex index loans_pkey')).toBeNull()
    expect(await describeSql('drop index loans_pkey')).toBeNull()
    expect(await describeSql('cluster loans using loans_pkey')).toBeNull()
  })

  it('REINDEX CONCURRENTLY and DROP INDEX CONCURRENTLY never take ACCESS EXCLUSIVE on the table', async () => {
    const reindex = await describeSql('reindex table concurrently loans')
    expect(reindex?.locks.map((l) => l.mode)).toEqual(['ShareUpdateExclusiveLock', 'ShareUpdateExclusiveLock'])
    expect(reindex?.sources[0]?.url).toContain('sql-reindex.html')
    const drop = await describeSql('drop index concurrently if exists public.loans_member_idx')
    expect(drop?.locks).toEqual([
      expect.objectContaining({ mode: 'ShareUpdateExclusiveLock', on: 'the table of public.loans_member_idx' }),
      expect.objectContaining({ mode: 'AccessExclusiveLock', on: 'public.loans_member_idx' })
    ])
    expect(drop?.notTaken).toMatch(/No ACCESS EXCLUSIVE lock on the table/)
  })

  it('VACUUM takes SHARE UPDATE EXCLUSIVE per table, VACUUM FULL ACCESS EXCLUSIVE', async () => {
    const vacuum = await describeSql('vacuum (analyze) loans, members')
    expect(vacuum?.command).toBe('VACUUM (ANALYZE)')
    expect(vacuum?.locks).toEqual([expect.objectContaining({ mode: 'ShareUpdateExclusiveLock', on: 'loans, members' })])
    expect((await describeSql('vacuum'))?.locks[0]?.on).toMatch(/each table of the database/)
    expect((await describeSql('vacuum full loans'))?.locks).toEqual([expect.objectContaining({ mode: 'AccessExclusiveLock', on: 'loans' })])
  })

  it('DETACH PARTITION CONCURRENTLY: ACCESS EXCLUSIVE on the partition only, never on its parent', async () => {
    const detach = await describeSql('alter table events detach partition events_2021 concurrently')
    const exclusive = detach?.locks.filter((l) => l.mode === 'AccessExclusiveLock').map((l) => l.on)
    expect(exclusive).toEqual(['events_2021'])
    expect(detach?.notTaken).toMatch(/No ACCESS EXCLUSIVE lock on events/)
    expect(await describeSql('alter table events detach partition events_2021')).toBeNull()
  })

  it('REINDEX DATABASE, CLUSTER without a table and CREATE DATABASE are described too', async () => {
    expect((await describeSql('reindex database sandbox'))?.locks.map((l) => l.mode)).toEqual(['ShareLock', 'AccessExclusiveLock'])
    expect((await describeSql('cluster'))?.locks[0]?.mode).toBe('AccessExclusiveLock')
    expect((await describeSql('create database scratch'))?.notes[0]).toMatch(/template database/)
  })

  it('names keep their quotes as written', async () => {
    const answer = await describeSql('create index concurrently on "Odd Table" (x)')
    expect(answer?.locks[0]?.on).toBe('"Odd Table"')
  })
})
