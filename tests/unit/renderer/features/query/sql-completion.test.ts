/**
 * What the editor inserts for a database's names, driven as CodeMirror drives
 * it: every autocomplete source of the language at the cursor, then the picked
 * option's text put in place. Hostile names come out quoted, never as SQL.
 */
import { CompletionContext, insertCompletionText, type Completion, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete'
import { ensureSyntaxTree } from '@codemirror/language'
import { EditorState } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import type { CompletionSchema } from '@shared/schema/completion-schema'
import { sqlLanguage } from '../../../../../renderer/src/features/query/sql-completion'

const hostile = 'x"; DROP TABLE z; --'

const schema: CompletionSchema = {
  relations: [
    { schema: 'public', name: hostile, kind: 'r', columns: [{ name: hostile, type: 'text' }, { name: 'id', type: 'int' }] },
    { schema: 'public', name: 'loans', kind: 'r', columns: [{ name: hostile, type: 'text' }, { name: 'Amount', type: 'numeric' }, { name: 'user', type: 'text' }, { name: 'a.b', type: 'text' }, { name: 'due_at', type: 'date' }] },
    { schema: 'public', name: 'select', kind: 'r', columns: [{ name: 'é', type: 'text' }] },
    { schema: 'public', name: 'dotted.name', kind: 'r', columns: [{ name: 'inside', type: 'text' }] },
    { schema: 'Sales Dept', name: 'Orders', kind: 'r', columns: [{ name: 'total', type: 'numeric' }] }
  ],
  functions: [{ schema: 'public', name: 'make"it' }, { schema: 'util', name: 'Upper Case' }, { schema: 'public', name: 'plain_fn' }],
  truncated: false
}

/** Every option the language offers with the cursor at `|`, each with the result it came from. */
async function offered(docWithCursor: string, explicit = false) {
  const pos = docWithCursor.indexOf('|')
  const doc = docWithCursor.replace('|', '')
  const state = EditorState.create({ doc, selection: { anchor: pos }, extensions: [sqlLanguage(schema)] })
  ensureSyntaxTree(state, doc.length, 5000)
  const context = new CompletionContext(state, pos, explicit)
  const found: Array<{ option: Completion; result: CompletionResult }> = []
  for (const source of state.languageDataAt<CompletionSource>('autocomplete', pos)) {
    const result = await source(context)
    if (result) for (const option of result.options) found.push({ option, result })
  }
  return { state, pos, found }
}

/** The document after picking the option labelled `label`, as CodeMirror applies a string completion. */
async function pick(docWithCursor: string, label: string, explicit = false): Promise<string> {
  const { state, pos, found } = await offered(docWithCursor, explicit)
  // A keyword of the same spelling (`user`) is a different option: only names are picked.
  const chosen = found.filter((f) => (f.option.type !== 'keyword' && f.option.type !== 'type') || f.option.apply !== undefined).filter((f) => f.option.label === label || f.option.label === `"${label}"` || f.option.label === `"${label.replace(/"/g, '""')}"`)
  if (chosen.length === 0) throw new Error(`"${label}" is not offered; offered: ${found.map((f) => f.option.label).join(', ')}`)
  const inserted = new Set(
    chosen.map(({ option, result }) => {
      const text = typeof option.apply === 'string' ? option.apply : option.label
      return state.update(insertCompletionText(state, text, result.from, result.to ?? pos)).state.doc.toString()
    })
  )
  // However many sources offer the name, they all write it the same way.
  expect(inserted.size).toBe(1)
  return [...inserted][0]!
}

describe('autocomplete writes names as PostgreSQL reads them', () => {
  it('a hostile table name is quoted with its inner quote doubled', async () => {
    expect(await pick('select * from x|', hostile)).toBe('select * from "x""; DROP TABLE z; --"')
  })

  it('inside an opened quote the hostile name is still written whole, closing quote included', async () => {
    expect(await pick('select * from "x|', hostile)).toBe('select * from "x""; DROP TABLE z; --"')
    expect(await pick('select * from "x|"', hostile)).toBe('select * from "x""; DROP TABLE z; --"')
  })

  it('a hostile column name is quoted after its table and bare in the select list', async () => {
    expect(await pick('select loans.x| from loans', hostile)).toBe('select loans."x""; DROP TABLE z; --" from loans')
    expect(await pick('select l.x| from loans l', hostile)).toBe('select l."x""; DROP TABLE z; --" from loans l')
    expect(await pick('select x| from "x""; DROP TABLE z; --"', hostile)).toBe('select "x""; DROP TABLE z; --" from "x""; DROP TABLE z; --"')
  })

  it('mixed case, keywords, dots and unicode are quoted; plain lower-case names are not', async () => {
    expect(await pick('select A| from loans', 'Amount')).toBe('select "Amount" from loans')
    expect(await pick('select u| from loans', 'user')).toBe('select "user" from loans')
    expect(await pick('select a| from loans', 'a.b')).toBe('select "a.b" from loans')
    expect(await pick('select d| from loans', 'due_at')).toBe('select due_at from loans')
    expect(await pick('select * from s|', 'select')).toBe('select * from "select"')
    expect(await pick('select | from "select"', 'é', true)).toBe('select "é" from "select"')
    expect(await pick('select * from l|', 'loans')).toBe('select * from loans')
    expect(await pick('select loans.A| from loans', 'Amount')).toBe('select loans."Amount" from loans')
  })

  it('a name with a dot stays one name, and its columns are found after it', async () => {
    expect(await pick('select * from d|', 'dotted.name')).toBe('select * from "dotted.name"')
    expect(await pick('select i| from "dotted.name"', 'inside')).toBe('select inside from "dotted.name"')
  })

  it('schemas and their tables are quoted where needed', async () => {
    expect(await pick('select * from S|', 'Sales Dept')).toBe('select * from "Sales Dept"')
    expect(await pick('select * from "Sales Dept".O|', 'Orders')).toBe('select * from "Sales Dept"."Orders"')
    expect(await pick('select t| from "Sales Dept"."Orders"', 'total')).toBe('select total from "Sales Dept"."Orders"')
  })

  it('functions are quoted where needed', async () => {
    expect(await pick('select m|', 'make"it')).toBe('select "make""it"')
    expect(await pick('select U|', 'Upper Case')).toBe('select "Upper Case"')
    expect(await pick('select p|', 'plain_fn')).toBe('select plain_fn')
  })

  it('a bare table name is folded to lower case to find its columns, a quoted one is not', async () => {
    const labels = async (doc: string) => (await offered(doc)).found.map((f) => f.option.label)
    expect(await labels('select d| from LOANS')).toContain('due_at')
    expect(await labels('select d| from "LOANS"')).not.toContain('due_at')
  })
})
