/**
 * The probe's locks read in order: the tables the statement names, then the
 * ones it reached without naming them (highlighted, with why), then indexes
 * and TOAST tables sorted under their table, then the rest.
 */
import { describe, expect, it } from 'vitest'
import { elsewhereLessons, reachedTableOids, statementLockGroups, toStatementLocks, type ProbedLock } from '@shared/locks/statement-lock-groups'
import { blocksSummary, sqlModeName } from '@shared/locks/lock-mode-words'
import { lockModes, modesConflict, type LockMode } from '@shared/locks/lock-modes'
import { namedRelations } from '@shared/locks/named-relations'
import { parseStatements } from '@shared/sql/sql-parser'

const loans = 100
const branches = 200
const members = 300

function lock(relation: string | null, mode: string, extra: Partial<ProbedLock> = {}): ProbedLock {
  const schema = relation?.split('.')[0] ?? null
  return { locktype: 'relation', mode, granted: true, relation, relationOid: 1, relkind: 'r', schema, owner: null, ownerOid: null, ownerSchema: null, ...extra }
}

/** What ALTER TABLE loans ALTER COLUMN branch_id TYPE bigint holds, in pg_locks' own jumbled order. */
const alterBranchId: ProbedLock[] = [
  lock('pg_catalog.pg_depend', 'RowExclusiveLock', { relationOid: 2608 }),
  lock('pg_toast.pg_toast_100_index', 'AccessExclusiveLock', { relationOid: 102, relkind: 'i', owner: 'public.loans', ownerOid: loans, ownerSchema: 'public' }),
  lock('public.branches_pkey', 'AccessShareLock', { relationOid: 201, relkind: 'i', owner: 'public.branches', ownerOid: branches, ownerSchema: 'public' }),
  lock('public.loans', 'ShareLock', { relationOid: loans }),
  lock('16782', 'AccessExclusiveLock', { relationOid: 16782, relkind: null, schema: null }),
  lock('public.loans_pkey', 'AccessExclusiveLock', { relationOid: 101, relkind: 'i', owner: 'public.loans', ownerOid: loans, ownerSchema: 'public' }),
  lock('public.branches', 'AccessShareLock', { relationOid: branches }),
  lock('pg_toast.pg_toast_100', 'AccessExclusiveLock', { relationOid: 103, relkind: 't', owner: 'public.loans', ownerOid: loans, ownerSchema: 'public' }),
  lock('public.loans', 'AccessExclusiveLock', { relationOid: loans }),
  lock('public.branches', 'AccessExclusiveLock', { relationOid: branches }),
  lock(null, 'ExclusiveLock', { locktype: 'transactionid', relationOid: null, relkind: null, schema: null })
]
const fk = { kind: 'foreign-key' as const, constraint: 'loans_branch_id_fkey', referencing: 'public.loans', referenced: 'public.branches' }

describe('statement locks in reading order', () => {
  const arranged = toStatementLocks(alterBranchId, new Set([loans]), new Map([[branches, [fk]]]))

  it('puts the named table first, the table reached through the foreign key next, then indexes and TOAST sorted under their table', () => {
    expect(arranged.map((l) => `${l.relation ?? l.locktype} ${l.mode}`)).toEqual([
      'public.loans AccessExclusiveLock',
      'public.loans ShareLock',
      'public.branches AccessExclusiveLock',
      'public.branches AccessShareLock',
      'public.branches_pkey AccessShareLock',
      'pg_toast.pg_toast_100 AccessExclusiveLock',
      'pg_toast.pg_toast_100_index AccessExclusiveLock',
      'public.loans_pkey AccessExclusiveLock',
      '16782 AccessExclusiveLock',
      'pg_catalog.pg_depend RowExclusiveLock',
      'transactionid ExclusiveLock'
    ])
    expect(statementLockGroups(arranged).map((g) => [g.id, g.locks.length])).toEqual([
      ['named', 2],
      ['elsewhere', 2],
      ['parts', 4],
      ['unseen', 1],
      ['system', 1],
      ['not-relation', 1]
    ])
  })

  it('marks the other table with why it was reached, and says what its strongest lock stops', () => {
    expect(arranged.find((l) => l.relation === 'public.branches')).toMatchObject({ scope: 'elsewhere', reasons: [fk] })
    expect(arranged.find((l) => l.relation === 'public.branches_pkey')).toMatchObject({ scope: 'elsewhere', owner: 'public.branches', reasons: [fk], relationKind: 'index' })
    expect(arranged.find((l) => l.relation === 'pg_toast.pg_toast_100')).toMatchObject({ scope: 'named', relationKind: 'TOAST table', owner: 'public.loans' })
    const lessons = elsewhereLessons(arranged)
    expect(lessons).toHaveLength(1)
    expect(lessons[0]!.sentence).toBe(
      'ACCESS EXCLUSIVE on public.branches, through the foreign key loans_branch_id_fkey (public.loans → public.branches): while it is held, every statement on public.branches waits, even a plain SELECT.'
    )
  })

  it('looks up reasons only for the tables reached, never catalogs or what the statement named', () => {
    expect(reachedTableOids(alterBranchId, new Set([loans]))).toEqual([branches])
  })

  it('a statement touching only what it names has no lesson', () => {
    const update = toStatementLocks([lock('public.members', 'RowExclusiveLock', { relationOid: members })], new Set([members]))
    expect(update[0]?.scope).toBe('named')
    expect(elsewhereLessons(update)).toEqual([])
  })
})

describe('lock modes in words', () => {
  it('writes modes as SQL does', () => {
    expect(sqlModeName('ShareUpdateExclusiveLock')).toBe('SHARE UPDATE EXCLUSIVE')
    expect(sqlModeName('ExclusiveLock')).toBe('EXCLUSIVE')
    expect(sqlModeName('transactionid')).toBe('transactionid')
  })

  // The statement named in a summary stands for a mode that asks for it; each must agree with the manual's table.
  const witnesses: Array<[mode: LockMode, statement: RegExp]> = [
    ['RowExclusiveLock', /INSERT \/ UPDATE \/ DELETE/],
    ['RowShareLock', /SELECT … FOR UPDATE/],
    ['ShareUpdateExclusiveLock', /VACUUM(?! FULL)/],
    ['ShareLock', /CREATE INDEX/]
  ]
  it.each(lockModes)('what %s blocks and lets through agrees with the conflict table', (mode) => {
    const { blocks, allows } = blocksSummary[mode]
    if (mode === 'AccessExclusiveLock') return expect(blocks).toBe('everything, even plain SELECT')
    expect(blocks).toContain('ALTER TABLE')
    for (const [witness, statement] of witnesses) expect(statement.test(blocks), `${mode} vs ${witness}`).toBe(modesConflict(mode, witness))
    expect(allows).toMatch(/reads/)
    expect(allows.includes('writes')).toBe(!modesConflict(mode, 'RowExclusiveLock'))
  })
})

describe('relations a statement names', () => {
  const names = async (sql: string) => namedRelations((await parseStatements(sql))?.[0]?.stmt).map((r) => [r.schema, r.name].filter(Boolean).join('.'))
  it('finds targets, joins, subqueries and dropped objects', async () => {
    expect(await names('alter table loans alter column branch_id type bigint')).toEqual(['loans'])
    expect((await names('update members m set city = b.name from public.branches b where b.id = m.id and exists (select 1 from loans)')).sort()).toEqual(['loans', 'members', 'public.branches'])
    expect(await names('drop index loans_pkey, other_idx')).toEqual(['loans_pkey', 'other_idx'])
  })
})
