/**
 * The tables a half-written statement reads, found as PostgreSQL reads names,
 * so the editor can offer their columns.
 */
import { describe, expect, it } from 'vitest'
import { tablesReadAround } from '@shared/schema/completion-scope'

const at = (docWithCursor: string) => tablesReadAround(docWithCursor.replace('|', ''), docWithCursor.indexOf('|'))

describe('tablesReadAround', () => {
  it('folds bare names to lower case and keeps quoted ones exactly, with "" read as one quote', () => {
    expect(at('select | from Loans join "Sales Dept"."Orders" o on true')).toEqual([
      { schema: null, name: 'loans' },
      { schema: 'Sales Dept', name: 'Orders' }
    ])
    expect(at('select | from "x""; DROP TABLE z; --"')).toEqual([{ schema: null, name: 'x"; DROP TABLE z; --' }])
  })

  it('reads only the statement around the cursor; a semicolon inside a name, string or comment does not end it', () => {
    expect(at('select 1 from a; select | from "b;c" where x = \';\' -- ; from d\n; select 2 from e')).toEqual([{ schema: null, name: 'b;c' }])
  })

  it('ignores FROM inside strings, comments and quoted names', () => {
    expect(at("select | from t where s = 'from u' /* from v */ and \"from w\" = 1")).toEqual([{ schema: null, name: 't' }])
  })

  it('copes with a name still being typed', () => {
    expect(at('select | from "unfinished')).toEqual([{ schema: null, name: 'unfinished' }])
    expect(at('select | from')).toEqual([])
  })
})
