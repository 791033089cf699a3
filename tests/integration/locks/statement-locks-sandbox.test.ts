/**
 * "What does this lock?" on the sandbox's schema, the way a trainer uses it:
 * CREATE INDEX CONCURRENTLY is described instead of failing, the ALTER … TYPE
 * that the sandbox's own view overdue_loans refuses names the view, and
 * changing branch_id's type shows the ACCESS EXCLUSIVE lock it takes on
 * branches, a table the statement does not name.
 *
 * The schema is the sandbox's own (its SQL files, every CREATE and ALTER of
 * them) in a database of the shared test cluster, without the million rows:
 * what these answers depend on is the schema, and starting the sandbox
 * itself would stop another test file's sandbox (one data dir per machine).
 * The end-to-end spec runs the same three on the real, seeded sandbox.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { StatementLockProbe } from '../../../electron/core/services/locks/statement-lock-probe'
import { dependentsExplanation } from '@shared/locks/blocking-dependents'
import { elsewhereLessons, statementLockGroups } from '@shared/locks/statement-lock-groups'
import { splitStatements } from '@shared/sql/split-statements'
import { parseStatements } from '@shared/sql/sql-parser'
import { statementKind } from '@shared/sql/parse-tree'

const url = inject('databaseUrl')
const database = 'locks_sandbox_schema'
let pool: pg.Pool
let probe: StatementLockProbe

/** The sandbox's DDL in file order: its tables, keys, foreign keys and view, none of its rows. */
async function sandboxSchema(): Promise<string[]> {
  const ddl = new Set(['CreateStmt', 'AlterTableStmt', 'ViewStmt', 'IndexStmt'])
  const statements: string[] = []
  for (const file of ['01-lookups.sql', '02-people-and-books.sql', '03-loans.sql', '05-finish.sql']) {
    for (const statement of await splitStatements(readFileSync(path.join('resources', 'sandbox', file), 'utf8'))) {
      const kind = statementKind((await parseStatements(statement.text))?.[0]?.stmt)?.kind
      if (kind && ddl.has(kind)) statements.push(statement.text)
    }
  }
  return statements
}

beforeAll(async () => {
  const admin = new pg.Client(url)
  await admin.connect()
  await admin.query(`drop database if exists ${database} with (force)`)
  await admin.query(`create database ${database}`)
  await admin.end()
  pool = new pg.Pool({ connectionString: url.replace(/\/postgres$/, `/${database}`), max: 3 })
  for (const statement of await sandboxSchema()) await pool.query(statement)
  probe = new StatementLockProbe({ pools: singlePool(pool) })
})
afterAll(async () => {
  await pool?.end()
})

const columnType = async (column: string) =>
  (await pool.query<{ t: string }>("select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'loans'::regclass and attname = $1", [column])).rows[0]?.t

describe('statement locks on the sandbox', () => {
  it('CREATE INDEX CONCURRENTLY is not run: the answer says it takes SHARE UPDATE EXCLUSIVE on public.loans and waits for older transactions', async () => {
    const result = await probe.probe({ connectionId: 'sandbox', sql: 'create index concurrently loans_member_probe_idx on loans (member_id)' })
    expect(result.error).toBeNull()
    expect(result.documented?.locks).toEqual([expect.objectContaining({ mode: 'ShareUpdateExclusiveLock', on: 'public.loans' })])
    expect(result.documented?.waits.join(' ')).toMatch(/older than that scan/)
    expect(result.documented?.notTaken).toMatch(/No ACCESS EXCLUSIVE lock on public\.loans/)
    expect((await pool.query("select 1 from pg_class where relname = 'loans_member_probe_idx'")).rowCount).toBe(0)
  })

  it('also on a read-only connection, since nothing is run', async () => {
    const readOnly = new StatementLockProbe({ pools: singlePool(pool, { readOnly: true }) })
    const result = await readOnly.probe({ connectionId: 'sandbox', sql: 'vacuum full loans' })
    expect(result.documented?.locks[0]).toMatchObject({ mode: 'AccessExclusiveLock', on: 'public.loans' })
  })

  it('ALTER … status_id TYPE names the view overdue_loans that stops it, and says what it would have locked', async () => {
    const result = await probe.probe({ connectionId: 'sandbox', sql: 'alter table loans alter column status_id type integer' })
    expect(result.error?.sqlstate).toBe('0A000')
    expect(result.dependents).toEqual({ table: 'public.loans', columns: ['status_id'], dependents: [{ name: 'public.overdue_loans', kind: 'view', column: 'status_id' }] })
    expect(dependentsExplanation(result.dependents!).headline).toContain('The view public.overdue_loans uses public.loans.status_id')
    // A refused statement's locks go with its failed transaction: what it would hold is said instead.
    expect(result.locks).toEqual([])
    expect(dependentsExplanation(result.dependents!).lines.join(' ')).toContain('ACCESS EXCLUSIVE on public.loans')
    expect(await columnType('status_id')).toBe('smallint')
  })

  it("changing branch_id's type also takes ACCESS EXCLUSIVE on branches, reached through the foreign key", async () => {
    const result = await probe.probe({ connectionId: 'sandbox', sql: 'alter table loans alter column branch_id type bigint' })
    expect(result.error).toBeNull()
    const groups = statementLockGroups(result.locks)
    expect(groups[0]).toMatchObject({ id: 'named' })
    expect(groups[0]!.locks.every((l) => l.relation === 'public.loans')).toBe(true)
    expect(groups[1]).toMatchObject({ id: 'elsewhere' })
    expect(groups[1]!.locks).toContainEqual(expect.objectContaining({ relation: 'public.branches', mode: 'AccessExclusiveLock' }))
    const [lesson] = elsewhereLessons(result.locks)
    expect(lesson?.relation).toBe('public.branches')
    expect(lesson?.sentence).toContain('through the foreign key loans_branch_id_fkey (public.loans → public.branches)')
    expect(await columnType('branch_id')).toBe('integer')
  })
})
