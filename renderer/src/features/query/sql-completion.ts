/**
 * The connected database's names as CodeMirror completions: schemas, tables
 * (unqualified for `public`), their columns, and functions.
 */
import { completeFromList, type Completion } from '@codemirror/autocomplete'
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql'
import type { Extension } from '@codemirror/state'
import type { CompletionSchema } from '../../../../shared/schema/completion-schema'

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
    PostgreSQL.language.data.of({ autocomplete: completeFromList(functions) })
  ]
}
