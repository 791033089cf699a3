/**
 * "What does this lock?" on the sandbox, the way a trainer uses it: CREATE
 * INDEX CONCURRENTLY is described instead of failing, the ALTER … TYPE that
 * the sandbox's own view overdue_loans refuses names the view, and changing
 * branch_id's type shows the ACCESS EXCLUSIVE lock it takes on branches, a
 * table the statement does not name. Nothing is left changed (the sandbox
 * persists between runs).
 */
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { SandboxService } from '../../../electron/core/services/sandbox/sandbox-service'
import { StatementLockProbe } from '../../../electron/core/services/locks/statement-lock-probe'
import { dependentsExplanation } from '@shared/locks/blocking-dependents'
import { elsewhereLessons, statementLockGroups } from '@shared/locks/statement-lock-groups'
import { testClusterRoot } from '../support/global-setup'

const sandbox = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox') })
let pool: pg.Pool
let probe: StatementLockProbe

beforeAll(async () => {
  const status = await sandbox.start()
  expect(status.error).toBeNull()
  const info = sandbox.connectionInfo()!
  pool = new pg.Pool({ host: info.host, port: info.port, user: info.user, password: String(info.password), database: info.database, max: 3 })
  probe = new StatementLockProbe({ pools: singlePool(pool) })
})
afterAll(async () => {
  await pool?.end()
  await sandbox.stop()
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

  it("changing branch_id's type also takes ACCESS EXCLUSIVE on branches, reached through the foreign key", { timeout: 120_000 }, async () => {
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
