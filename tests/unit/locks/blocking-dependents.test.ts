/**
 * An ALTER … TYPE refused because a view uses the column: the columns it
 * changes are read from the statement, and the refusal is said in words that
 * name the view and what to do.
 */
import { describe, expect, it } from 'vitest'
import { alteredColumnTypes, dependentsExplanation } from '@shared/locks/blocking-dependents'
import { probeErrorNote } from '@shared/locks/probe-error-notes'
import { parseStatements } from '@shared/sql/sql-parser'

const stmtOf = async (sql: string) => (await parseStatements(sql))?.[0]?.stmt

describe('ALTER … TYPE refused by a dependent view', () => {
  it('reads the table and the columns whose type changes', async () => {
    expect(alteredColumnTypes(await stmtOf('alter table public.loans alter column status_id type int, alter column due_at set not null, alter branch_id type bigint'))).toEqual({
      table: { schema: 'public', name: 'loans' },
      columns: ['status_id', 'branch_id']
    })
    expect(alteredColumnTypes(await stmtOf('alter table loans add column x int'))).toBeNull()
    expect(alteredColumnTypes(await stmtOf('select 1'))).toBeNull()
  })

  it('names the view, says why and what to do', () => {
    const said = dependentsExplanation({ table: 'public.loans', columns: ['status_id'], dependents: [{ name: 'public.overdue_loans', kind: 'view', column: 'status_id' }] })
    expect(said.headline).toBe('The view public.overdue_loans uses public.loans.status_id: PostgreSQL cannot change the type of a column that a view uses.')
    expect(said.lines.join(' ')).toContain('DROP VIEW public.overdue_loans;')
    expect(said.lines.join(' ')).toContain("pg_get_viewdef('public.overdue_loans')")
    expect(said.lines.join(' ')).toContain('ACCESS EXCLUSIVE on public.loans')
  })

  it('lists several dependents in one sentence', () => {
    const said = dependentsExplanation({
      table: 'public.loans',
      columns: ['status_id'],
      dependents: [
        { name: 'public.a', kind: 'view', column: 'status_id' },
        { name: 'public.b', kind: 'materialized view', column: 'status_id' }
      ]
    })
    expect(said.headline).toMatch(/^The view public\.a and materialized view public\.b use /)
    expect(said.lines.join(' ')).toContain('DROP MATERIALIZED VIEW public.b;')
  })
})

describe('an empty list after a failed probe is explained', () => {
  it('says why there are no locks, by SQLSTATE', () => {
    expect(probeErrorNote({ code: 'pg/error', message: '', sqlstate: '55P03' }, { lockTimeoutMs: 3000 })).toMatch(/conflicting lock.*3 s/)
    expect(probeErrorNote({ code: 'pg/error', message: '', sqlstate: '42P01' }, { lockTimeoutMs: 3000 })).toMatch(/holds no locks afterwards/)
  })
})
