/**
 * Names written into SQL read back as the same name: bare only when PostgreSQL
 * would not fold or misread them, quoted with inner quotes doubled otherwise.
 */
import { PostgreSQL } from '@codemirror/lang-sql'
import { scanSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSqlParser, parseStatements } from '@shared/sql/sql-parser'
import { quoteIdentifier, quoteIdentifierIfNeeded } from '@shared/sql/quote-identifier'
import { keywordsNeedingQuotes } from '@shared/sql/sql-keywords'

describe('quoteIdentifierIfNeeded', () => {
  it.each([
    ['loans', 'loans'],
    ['_private', '_private'],
    ['t1', 't1'],
    ['order_items', 'order_items'],
    // Unreserved keywords stand bare, as quote_ident() leaves them.
    ['name', 'name'],
    ['abort', 'abort'],
    ['x"; DROP TABLE z; --', '"x""; DROP TABLE z; --"'],
    ['"', '""""'],
    ['""', '""""""'],
    ['a"b', '"a""b"'],
    ['Users', '"Users"'],
    ['USERS', '"USERS"'],
    ['camelCase', '"camelCase"'],
    ['café', '"café"'],
    ['日本', '"日本"'],
    ['emoji 🐘', '"emoji 🐘"'],
    ['select', '"select"'],
    ['table', '"table"'],
    ['user', '"user"'],
    ['between', '"between"'],
    ['left', '"left"'],
    ['int', '"int"'],
    ['', '""'],
    [' ', '" "'],
    ['\t', '"\t"'],
    ['1abc', '"1abc"'],
    ['a$b', '"a$b"'],
    ['public.loans', '"public.loans"'],
    ['.', '"."'],
    ['a;b', '"a;b"'],
    ['a--b', '"a--b"'],
    ["it's", `"it's"`],
    ['back\\slash', '"back\\slash"']
  ])('%j is written %s', (name, written) => {
    expect(quoteIdentifierIfNeeded(name)).toBe(written)
  })

  it('always quotes with quoteIdentifier, doubling inner quotes', () => {
    expect(quoteIdentifier('loans')).toBe('"loans"')
    expect(quoteIdentifier('x"; DROP TABLE z; --')).toBe('"x""; DROP TABLE z; --"')
  })
})

describe('the keywords that need quotes', () => {
  beforeAll(() => loadSqlParser())

  const kindOf = (word: string) => scanSync(word).tokens[0]!.keywordName

  it('are exactly the words PostgreSQL scans as a keyword other than an unreserved one', () => {
    const candidates = new Set([...keywordsNeedingQuotes, ...`${PostgreSQL.spec.keywords ?? ''} ${PostgreSQL.spec.types ?? ''} ${PostgreSQL.spec.builtin ?? ''}`.split(/\s+/).filter((w) => /^[a-z_]+$/.test(w))])
    const needing = [...candidates].filter((word) => !['NO_KEYWORD', 'UNRESERVED_KEYWORD'].includes(kindOf(word)))
    expect(new Set(needing)).toEqual(keywordsNeedingQuotes)
  })

  it('break a statement when bare, and read as names when written by quoteIdentifierIfNeeded', async () => {
    for (const word of ['select', 'left', 'table', 'join']) {
      expect(await parseStatements(`select ${word}.a from ${word}`)).toBeNull()
      expect(await parseStatements(`select ${quoteIdentifierIfNeeded(word)}.a from ${quoteIdentifierIfNeeded(word)}`)).not.toBeNull()
    }
  })

  it('keep a column named user a column, not the current user', async () => {
    const target = async (sql: string) => JSON.stringify((await parseStatements(sql))![0]!.stmt)
    expect(await target('select user from t')).not.toContain('ColumnRef')
    expect(await target(`select ${quoteIdentifierIfNeeded('user')} from t`)).toContain('ColumnRef')
  })
})
