/** Columns read from plan expressions with PostgreSQL's parser: casts, aliases, ANY, IN, BETWEEN, IS NULL, JSON operators, plan references. */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSqlParser } from '@shared/sql/sql-parser'
import { conditionsOf, normalExpression, sortKeyOf } from '@shared/advice/plan-conditions'

beforeAll(() => loadSqlParser())

const kinds = (expression: string, alias = 'l') => conditionsOf(expression, alias, 'loans')?.map((c) => [c.kind, c.key])

describe('plan conditions', () => {
  it('maps the alias back to the relation and drops casts around a plain column', () => {
    expect(kinds("(((l.status)::text = 'open'::text) AND (l.due_on < CURRENT_DATE))")).toEqual([['eq', 'status'], ['range', 'due_on']])
  })

  it('reads = ANY (array), IN, BETWEEN and IS NULL', () => {
    expect(kinds("(l.id = ANY ('{1,2,3}'::bigint[]))")).toEqual([['eq', 'id']])
    expect(kinds('(l.id IN (1, 2))')).toEqual([['eq', 'id']])
    expect(kinds("(l.loaned_at BETWEEN '2024-01-01' AND '2024-02-01')")).toEqual([['range', 'loaned_at']])
    expect(kinds('(l.returned_at IS NULL)')).toEqual([['is-null', 'returned_at']])
  })

  it('treats a column of another relation, a SubPlan or an InitPlan as a value from outside', () => {
    expect(kinds('(l.member_id = m.id)')).toEqual([['eq', 'member_id']])
    expect(kinds('(l.member_id = (SubPlan 1))')).toEqual([['eq', 'member_id']])
    expect(kinds('(l.book_id = (InitPlan 1).col1)')).toEqual([['eq', 'book_id']])
    expect(kinds('(l.book_id > $0)')).toEqual([['range', 'book_id']])
  })

  it('keeps a function call as an expression key, unqualified', () => {
    expect(conditionsOf("(lower((m.email)::text) = 'a@b.c'::text)", 'm', 'members')?.[0]).toMatchObject({ kind: 'eq', key: 'lower(email::text)', expression: true })
  })

  it('tells JSONB containment from array containment and key existence', () => {
    expect(kinds(`(l.meta @> '{"a": 1}'::jsonb)`)).toEqual([['jsonb-contains', 'meta']])
    expect(kinds("(l.tags @> '{x}'::text[])")).toEqual([['array', 'tags']])
    expect(kinds("(l.meta ?| '{a,b}'::text[])")).toEqual([['jsonb-exists', 'meta']])
  })

  it('reads an OR on one column as an IN list, and across columns as OR', () => {
    expect(kinds('((l.id = 1) OR (l.id = 2))')).toEqual([['eq', 'id']])
    expect(kinds('((l.id = 1) OR (l.book_id = 2))')).toEqual([['or', null]])
  })

  it('reads a boolean column and its negation', () => {
    expect(kinds('(NOT l.active)')).toEqual([['bool', 'active']])
    expect(kinds('l.active')).toEqual([['bool', 'active']])
  })

  it('returns null for text the parser refuses', () => {
    expect(conditionsOf('(l.id = = 3', 'l', 'loans')).toBeNull()
  })

  it('reads sort keys with direction and the non-default NULLS order only', () => {
    expect(sortKeyOf('l.loaned_at DESC', 'l', 'loans')).toEqual({ key: 'loaned_at', expression: false, descending: true, nulls: null })
    expect(sortKeyOf('l.loaned_at DESC NULLS LAST', 'l', 'loans')).toMatchObject({ descending: true, nulls: 'last' })
    expect(sortKeyOf('l.loaned_at NULLS LAST', 'l', 'loans')).toMatchObject({ descending: false, nulls: null })
    expect(sortKeyOf('m.name', 'l', 'loans')).toBeNull()
  })

  it('normalises an existing index expression to the form plans give', () => {
    expect(normalExpression('lower((email)::text)')).toBe('lower(email::text)')
    expect(normalExpression('email')).toBe('email')
  })
})
