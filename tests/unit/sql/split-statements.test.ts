import { describe, expect, it } from 'vitest'
import { findUnboundedWrites } from '@shared/sql/dangerous-statements'
import { splitStatements, statementAt } from '@shared/sql/split-statements'

describe('splitting a script into statements', () => {
  it('respects strings, dollar quotes and comments', async () => {
    const script = "select 'a;b' as x;\n-- a comment; with a semicolon\nselect $$x;y$$;\n/* block; */ select 3"
    const texts = (await splitStatements(script)).map((s) => s.text)
    // Comments between statements belong to neither.
    expect(texts).toEqual(["select 'a;b' as x", 'select $$x;y$$', 'select 3'])
  })

  it('keeps a function body with BEGIN ATOMIC as one statement', async () => {
    const script = 'create function f() returns int language sql begin atomic select 1; select 2; end; select f()'
    expect((await splitStatements(script)).map((s) => s.text)).toEqual([
      'create function f() returns int language sql begin atomic select 1; select 2; end',
      'select f()'
    ])
  })

  it('still splits a script with a syntax error, so the other statements can run', async () => {
    const statements = await splitStatements('select 1;\nselec oops from t;\nselect 3;')
    expect(statements.map((s) => s.text)).toEqual(['select 1', 'selec oops from t', 'select 3'])
  })

  it('gives string offsets that point at the statement even after non-ASCII text', async () => {
    const script = "select 'héllo wörld 🐘';\nselect 2"
    const statements = await splitStatements(script)
    for (const s of statements) expect(script.slice(s.start, s.end)).toBe(s.text)
    expect(statements[1]!.text).toBe('select 2')
  })

  it('finds the statement under the cursor', async () => {
    const script = 'select 1;\n\nselect 2;\nselect 3'
    const statements = await splitStatements(script)
    expect(statementAt(statements, script.indexOf('2'))?.text).toBe('select 2')
    expect(statementAt(statements, script.indexOf(';') + 1)?.text).toBe('select 1')
    expect(statementAt(statements, script.length)?.text).toBe('select 3')
  })
})

describe('unbounded writes', () => {
  it('flags UPDATE and DELETE without WHERE, even with a commented-out WHERE', async () => {
    expect(await findUnboundedWrites('delete from loans -- where id = 1')).toEqual([{ kind: 'DELETE', relation: 'loans' }])
    expect(await findUnboundedWrites('update public.members set city = $1')).toEqual([{ kind: 'UPDATE', relation: 'public.members' }])
  })

  it('leaves bounded writes and reads alone', async () => {
    expect(await findUnboundedWrites('update members set city = 1 where id = 2')).toEqual([])
    expect(await findUnboundedWrites('select * from loans')).toEqual([])
    expect(await findUnboundedWrites('delete from t where')).toEqual([])
  })
})
