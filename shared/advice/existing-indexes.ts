/**
 * Whether an index that already exists serves a suggestion: then the advice
 * says nothing (and never suggests a duplicate of a unique or primary key).
 */
import type { ExistingIndex } from './advice-item'
import type { IndexShape } from './index-shape'

/** The existing index that covers `shape` on schema.table, if any. */
export function coveringIndex(shape: IndexShape, schema: string | null, table: string, indexes: ExistingIndex[]): ExistingIndex | null {
  const wanted = shape.keys.map((k) => k.key)
  for (const index of indexes) {
    if (index.table !== table || (schema !== null && index.schema !== schema) || !index.valid || index.method !== shape.method) continue
    if (index.partial && !shape.where) continue
    if (index.columns.length < wanted.length) continue
    const prefix = index.columns.slice(0, wanted.length)
    // Equality columns may come in any order; the rest must match in place.
    const equal = new Set(wanted.slice(0, shape.equalityKeys))
    const headMatches = prefix.slice(0, shape.equalityKeys).every((column) => equal.has(column))
    const tailMatches = prefix.slice(shape.equalityKeys).every((column, i) => column === wanted[shape.equalityKeys + i])
    if (headMatches && tailMatches) return index
  }
  return null
}
