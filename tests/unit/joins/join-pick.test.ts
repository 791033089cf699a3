/**
 * The picker's structured join becomes SQL through the parse tree: names are
 * quoted identifiers (a name cannot smuggle SQL in), and a bad pick is refused
 * at the API door.
 */
import { describe, expect, it } from 'vitest'
import { joinPickSchema, pickAliases, type JoinPick } from '@shared/joins/join-pick'
import { pickedJoinSql } from '@shared/joins/join-pick-sql'
import { analyseJoinQuery } from '@shared/joins/join-analysis'
import { blankJoin, guessCondition, pickOf, type PickDraft } from '@shared/joins/join-pick-draft'

const members = { schema: 'public', name: 'members' }
const loans = { schema: 'public', name: 'loans' }

describe('pickedJoinSql', () => {
  it('writes a LEFT JOIN on a column equality with short aliases', () => {
    const sql = pickedJoinSql({ tables: [members, loans], joins: [{ kind: 'LEFT', condition: { type: 'on', leftTable: 0, leftColumn: 'id', rightColumn: 'member_id' } }] })
    expect(sql).toBe('SELECT * FROM public.members AS m LEFT JOIN public.loans AS l ON m.id = l.member_id')
  })

  it('quotes names that need it, so a hostile name stays a name', async () => {
    const evil = 'x; drop table members; --'
    const sql = pickedJoinSql({ tables: [{ schema: 'My Schema', name: evil }, members], joins: [{ kind: 'FULL', condition: { type: 'using', column: 'Id"' } }] })
    expect(sql).toBe('SELECT * FROM "My Schema"."x; drop table members; --" AS x FULL JOIN public.members AS m USING ("Id""")')
    const analysis = await analyseJoinQuery(sql)
    expect(analysis.leaves.map((l) => l.table?.name)).toEqual([evil, 'members'])
    expect(analysis.joins[0]!.using).toEqual(['Id"'])
  })

  it('joins a third table to the first two, and a self-join gets distinct aliases', async () => {
    const sql = pickedJoinSql({
      tables: [members, loans, members],
      joins: [
        { kind: 'INNER', condition: { type: 'on', leftTable: 0, leftColumn: 'id', rightColumn: 'member_id' } },
        { kind: 'CROSS', condition: { type: 'none' } }
      ]
    })
    expect(sql).toBe('SELECT * FROM public.members AS m JOIN public.loans AS l ON m.id = l.member_id CROSS JOIN public.members AS m2')
    expect((await analyseJoinQuery(sql)).joins.map((j) => j.kind)).toEqual(['INNER', 'CROSS'])
  })
})

describe('joinPickSchema', () => {
  const ok: JoinPick = { tables: [members, loans], joins: [{ kind: 'INNER', condition: { type: 'using', column: 'id' } }] }
  it.each([
    ['a CROSS JOIN with a condition', { ...ok, joins: [{ kind: 'CROSS', condition: { type: 'using', column: 'id' } }] }],
    ['an INNER JOIN without one', { ...ok, joins: [{ kind: 'INNER', condition: { type: 'none' } }] }],
    ['one table', { tables: [members], joins: [] }],
    ['a join count that does not fit the tables', { tables: [members, loans, members], joins: ok.joins }],
    ['an ON column from a table not joined yet', { ...ok, joins: [{ kind: 'LEFT', condition: { type: 'on', leftTable: 1, leftColumn: 'id', rightColumn: 'id' } }] }]
  ])('refuses %s', (_, pick) => {
    expect(joinPickSchema.safeParse(pick).success).toBe(false)
  })
  it('accepts a good pick', () => expect(joinPickSchema.safeParse(ok).success).toBe(true))
  it('names aliases after the tables', () => expect(pickAliases([members, loans, members, { name: '9lives' }])).toEqual(['m', 'l', 'm2', 't']))
})

describe('the picker form', () => {
  const m = { schema: 'public', name: 'members', columns: ['id', 'full_name', 'city'] }
  const l = { schema: 'public', name: 'loans', columns: ['id', 'member_id', 'book_id'] }
  const b = { schema: 'public', name: 'books', columns: ['id', 'title', 'city'] }

  it('guesses loans.member_id = members.id, either way round, and a shared column for USING', () => {
    expect(guessCondition({ tables: [m, l], joins: [blankJoin()] }, 0)).toEqual({ leftTable: 0, leftColumn: 'id', rightColumn: 'member_id', using: 'id' })
    expect(guessCondition({ tables: [l, m], joins: [blankJoin()] }, 0)).toMatchObject({ leftTable: 0, leftColumn: 'member_id', rightColumn: 'id' })
    expect(guessCondition({ tables: [m, l, b], joins: [blankJoin(), blankJoin()] }, 1)).toMatchObject({ leftTable: 1, leftColumn: 'book_id', rightColumn: 'id', using: 'city' })
  })

  it('gives a request only when every table and condition is chosen', () => {
    const draft: PickDraft = { tables: [m, null], joins: [{ ...blankJoin('LEFT'), leftColumn: 'id', rightColumn: 'member_id' }] }
    expect(pickOf(draft)).toBeNull()
    expect(pickOf({ ...draft, tables: [m, l] })).toEqual({
      tables: [
        { schema: 'public', name: 'members' },
        { schema: 'public', name: 'loans' }
      ],
      joins: [{ kind: 'LEFT', condition: { type: 'on', leftTable: 0, leftColumn: 'id', rightColumn: 'member_id' } }]
    })
    expect(pickOf({ tables: [m, l], joins: [{ ...blankJoin('FULL'), mode: 'using' }] })).toBeNull()
    expect(pickOf({ tables: [m, l], joins: [blankJoin('CROSS')] })!.joins[0]!.condition).toEqual({ type: 'none' })
  })
})
