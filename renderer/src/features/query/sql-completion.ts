/**
 * The connected database's names as CodeMirror completions: schemas, tables
 * (unqualified for `public`), columns — after `table.` or an alias, and bare
 * for the tables the current statement reads from — and functions.
 *
 * Every name is inserted as PostgreSQL must read it (quoteIdentifierIfNeeded):
 * bare when it is a plain lower-case name, quoted otherwise. lang-sql's own
 * quoting neither doubles inner quotes nor knows keywords, so each completion
 * carries its own text to insert, and inside an opened quote the name is
 * written quoted in full.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete'
import { PostgreSQL, schemaCompletionSource, sql, type SQLNamespace } from '@codemirror/lang-sql'
import type { Extension } from '@codemirror/state'
import type { CompletionSchema } from '@shared/schema/completion-schema'
import { tablesReadAround } from '@shared/schema/completion-scope'
import { quoteIdentifier, quoteIdentifierIfNeeded } from '@shared/sql/quote-identifier'

export function sqlLanguage(schema: CompletionSchema | undefined): Extension {
  const language = sql({ dialect: PostgreSQL, upperCaseKeywords: false })
  if (!schema) return language
  const names = schemaCompletionSource({ dialect: PostgreSQL, schema: schemaNamespace(schema), defaultSchema: 'public' })
  return [
    language,
    PostgreSQL.language.data.of({ autocomplete: quotedInFull(names) }),
    PostgreSQL.language.data.of({ autocomplete: functionsFrom(schema) }),
    PostgreSQL.language.data.of({ autocomplete: columnsInScope(schema) })
  ]
}

/** A completion that remembers the name it stands for, to write it again inside an opened quote. */
interface NameCompletion extends Completion {
  identifier: string
}

function nameCompletion(name: string, type: string, detail?: string): NameCompletion {
  return { label: name, type, detail, apply: quoteIdentifierIfNeeded(name), identifier: name }
}

/** lang-sql splits namespace keys at dots; a dot that is part of a name is escaped. */
function namespaceKey(name: string): string {
  return name.replace(/\./g, '\\.')
}

/** Schemas → tables → columns, each level with our own completion ("self") instead of lang-sql's. */
export function schemaNamespace(schema: CompletionSchema): SQLNamespace {
  const namespace: Record<string, { self: Completion; children: Record<string, SQLNamespace> }> = {}
  for (const relation of schema.relations) {
    const level = (namespace[namespaceKey(relation.schema)] ??= { self: nameCompletion(relation.schema, 'type'), children: {} })
    level.children[namespaceKey(relation.name)] = {
      self: nameCompletion(relation.name, 'type'),
      children: relation.columns.map((c) => nameCompletion(c.name, 'property', c.type))
    }
  }
  return namespace
}

/** Inside an opened quote (`"Ord|`), lang-sql inserts the raw name between quotes: insert the quoted name instead. */
function quotedInFull(source: CompletionSource): CompletionSource {
  const requote = (context: CompletionContext, result: CompletionResult | null): CompletionResult | null => {
    if (!result || context.state.sliceDoc(result.from, result.from + 1) !== '"') return result
    const options = result.options.map((option) => {
      if (!('identifier' in option) || typeof option.identifier !== 'string') return option
      const quoted = quoteIdentifier(option.identifier)
      return { ...option, label: quoted, apply: quoted }
    })
    return { ...result, options }
  }
  return (context) => {
    const result = source(context)
    return result instanceof Promise ? result.then((r) => requote(context, r)) : requote(context, result)
  }
}

/** Where a bare name being typed starts (`ord|`), or an opened quote (`"Ord|`, maybe closed already after the cursor). */
interface NameSpan {
  from: number
  to?: number
  quoted: boolean
}

function nameSpan(context: CompletionContext): NameSpan | null {
  const word = context.matchBefore(/"?[\w$]*/)
  if ((!word || word.from === word.to) && !context.explicit) return null
  if (!word || word.text[0] !== '"') return { from: word?.from ?? context.pos, quoted: false }
  const closed = context.state.sliceDoc(context.pos, context.pos + 1) === '"'
  return { from: word.from, to: closed ? context.pos + 1 : undefined, quoted: true }
}

function namesResult(span: NameSpan, options: NameCompletion[]): CompletionResult | null {
  if (options.length === 0) return null
  if (!span.quoted) return { from: span.from, options, validFor: /^[\w$]*$/ }
  const quoted = options.map((o) => ({ ...o, label: quoteIdentifier(o.identifier), apply: quoteIdentifier(o.identifier) }))
  return { from: span.from, to: span.to, options: quoted, validFor: /^"[\w$]*"?$/ }
}

/** Functions by bare name, quoted where needed (the schema shows as detail when it is not public). */
export function functionsFrom(schema: CompletionSchema): CompletionSource {
  const options = schema.functions.map((f) => nameCompletion(f.name, 'function', f.schema === 'public' ? undefined : f.schema))
  return (context) => {
    const span = nameSpan(context)
    return span ? namesResult(span, options) : null
  }
}

/** Bare column names of the tables after FROM / JOIN in the statement around the cursor. */
export function columnsInScope(schema: CompletionSchema): CompletionSource {
  const columnsByTable = new Map<string, Array<{ name: string; type: string }>>()
  for (const r of schema.relations) {
    columnsByTable.set(`${r.schema}\0${r.name}`, r.columns)
    if (r.schema === 'public') columnsByTable.set(r.name, r.columns)
  }
  return (context: CompletionContext): CompletionResult | null => {
    const span = nameSpan(context)
    if (!span || context.state.sliceDoc(span.from - 1, span.from) === '.') return null
    const options: NameCompletion[] = []
    const seen = new Set<string>()
    for (const table of tablesReadAround(context.state.doc.toString(), context.pos)) {
      const key = table.schema === null ? table.name : `${table.schema}\0${table.name}`
      if (seen.has(key)) continue
      seen.add(key)
      const shown = table.schema === null ? table.name : `${table.schema}.${table.name}`
      for (const column of columnsByTable.get(key) ?? []) options.push({ ...nameCompletion(column.name, 'property', `${shown} · ${column.type}`), boost: 2 })
    }
    return namesResult(span, options)
  }
}
