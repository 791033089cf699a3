/**
 * `tusk advise --verify` on Debian's PostgreSQL 15 with hypopg (the
 * postgresql-15-hypopg package): a hypothetical index, plain EXPLAIN before and
 * after, nothing built. Skipped, with the reason, where the server or the
 * package is missing.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'

const serverUrl = inject('secondDatabaseUrl')
const database = 'tusk_advice_hypopg'
let url = ''
let skipReason: string | null = serverUrl ? null : 'no PostgreSQL 15 test server (see the global setup)'

function on(db: string): string {
  const target = new URL(serverUrl)
  target.pathname = `/${db}`
  return target.toString()
}

beforeAll(async () => {
  if (skipReason) return
  const admin = new pg.Client(on('postgres'))
  await admin.connect()
  try {
    const available = await admin.query("select 1 from pg_available_extensions where name = 'hypopg'")
    if (available.rows.length === 0) {
      skipReason = 'hypopg is not installed for PostgreSQL 15 (apt-get install postgresql-15-hypopg)'
      return
    }
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database}`)
  } finally {
    await admin.end()
  }
  url = on(database)
  const client = new pg.Client(url)
  await client.connect()
  try {
    await client.query(`create extension hypopg;
      create table members (id int primary key, email text not null, prefs jsonb not null);
      insert into members select i, 'member' || i || '@example.com', jsonb_build_object('lang', 'l' || (i % 60)) from generate_series(1, 100000) i;
      analyze members`)
  } finally {
    await client.end()
  }
})
afterAll(async () => {
  if (!url) return
  const admin = new pg.Client(on('postgres'))
  await admin.connect()
  await admin.query(`drop database if exists ${database} with (force)`).finally(() => admin.end())
})

describe('tusk advise --verify with hypopg on PostgreSQL 15', () => {
  it('reports the cost before and after a hypothetical index, and builds nothing', { timeout: 60_000 }, async (context) => {
    if (skipReason) context.skip(skipReason)
    const lines: string[] = []
    const errors: string[] = []
    const sql = "select id from members where lower(email) = 'member4242@example.com'"
    expect(await runCli(['advise', '--db', url, '--sql', sql, '--verify', '--json'], (l) => lines.push(l), (l) => errors.push(l))).toBe(0)
    const { advice } = JSON.parse(lines.join('\n'))
    expect(advice[0]).toMatchObject({ kind: 'index', table: 'members', columns: ['lower(email)'], method: 'btree' })
    expect(advice[0].verification).toMatchObject({ method: 'hypopg', used: true, verdict: 'recommended' })
    expect(advice[0].verification.costAfter).toBeLessThan(advice[0].verification.costBefore * 0.7)
    // No real index, so no lock to warn about.
    expect(errors).toEqual([])
    const client = new pg.Client(url)
    await client.connect()
    const indexes = await client.query("select indexname from pg_indexes where tablename = 'members'").finally(() => client.end())
    expect(indexes.rows.map((r) => r.indexname)).toEqual(['members_pkey'])
  })

  it('says a GIN suggestion cannot be modelled by hypopg and checks it with a rolled-back index', { timeout: 60_000 }, async (context) => {
    if (skipReason) context.skip(skipReason)
    const lines: string[] = []
    const errors: string[] = []
    expect(await runCli(['advise', '--db', url, '--sql', `select id from members where prefs @> '{"lang": "l7"}'`, '--verify', '--json'], (l) => lines.push(l), (l) => errors.push(l))).toBe(0)
    const { advice } = JSON.parse(lines.join('\n'))
    expect(advice[0]).toMatchObject({ method: 'gin', verification: { method: 'rolled-back-index' } })
    expect(advice[0].verificationNote).toMatch(/hypopg cannot model a GIN index/)
    expect(errors.join()).toMatch(/SHARE lock on public\.members/)
  })
})
