/**
 * The connected database's names as CodeMirror completions: schemas, tables
 * (unqualified for `public`), columns — after `table.` or an alias, and bare
 * for the tables the current statement reads from — and functions.
 */
import { completeFromList, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete'
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql'
import type { Extension } from '@codemirror/state'
import type { CompletionSchema } from '@shared/schema/completion-schema'

export function sqlLanguage(schema: CompletionSchema | undefined): Extension {
  if (!schema) return sql({ dialect: PostgreSQL, upperCaseKeywords: false })
  const namespace: Record<string, Record<string, Completion[]>> = {}
  for (const relation of schema.relations) {
    const tables = (namespace[relation.schema] ??= {})
    tables[relation.name] = relation.columns.map((c) => ({ label: c.name, type: 'property', detail: c.type }))
  }
  const functions: Completion[] = schema.functions.map((f) => ({ label: f.name, type: 'function', detail: f.schema === 'public' ? undefined : f.schema }))
  return [
    sql({ dialect: PostgreSQL, upperCaseKeywords: false, schema: namespace as SQLNamespace, defaultSchema: 'public' }),
    PostgreSQL.language.data.of({ autocomplete: completeFromList(functions) }),
    PostgreSQL.language.data.of({ autocomplete: columnsInScope(schema) })
  ]
}

/** Bare column names of the tables after FROM / JOIN in the statement around the cursor. */
export function columnsInScope(schema: CompletionSchema) {
  const columnsByName = new Map<string, Array<{ name: string; type: string }>>()
  for (const r of schema.relations) {
    columnsByName.set(`${r.schema}.${r.name}`.toLowerCase(), r.columns)
    if (r.schema === 'public') columnsByName.set(r.name.toLowerCase(), r.columns)
  }
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[\w$]+/)
    if (!word && !context.explicit) return null
    const from = word?.from ?? context.pos
    if (context.state.sliceDoc(from - 1, from) === '.') return null
    const doc = context.state.doc.toString()
    const start = doc.lastIndexOf(';', from - 1) + 1
    const end = doc.indexOf(';', context.pos) === -1 ? doc.length : doc.indexOf(';', context.pos)
    const statement = doc.slice(start, end)
    const tables = [...statement.matchAll(/\b(?:from|join)\s+((?:"?[\w$]+"?\.)?"?[\w$]+"?)/gi)].map((m) => m[1]!.replace(/"/g, '').toLowerCase())
    const options: Completion[] = []
    for (const table of new Set(tables)) {
      for (const column of columnsByName.get(table) ?? []) options.push({ label: column.name, type: 'property', detail: `${table} · ${column.type}`, boost: 2 })
    }
    return options.length > 0 ? { from, options, validFor: /^[\w$]*$/ } : null
  }
}
