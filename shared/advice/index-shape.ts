/**
 * Which index serves a set of conditions, and its CREATE INDEX statement.
 *
 * B-tree column order: equality columns first, then the sort keys in order and
 * direction, then at most one range column, at most three in all (a range
 * column first is the classic mistake: the index cannot seek past it). A
 * constant boolean or IS NULL condition becomes a partial index's WHERE.
 * Containment, key-existence, array overlap and full-text conditions need a
 * GIN index; a LIKE with a leading wildcard a trigram GIN; a prefix LIKE a
 * B-tree with text_pattern_ops (collation-independent prefix matching).
 */
import { quoteIdentifierIfNeeded } from '../sql/quote-identifier'
import { adviceThresholds } from './advice-thresholds'
import type { Condition, SortKey } from './plan-conditions'

export interface IndexKey {
  key: string
  expression: boolean
  descending?: boolean
  nulls?: 'first' | 'last' | null
  opclass?: string
}

export interface IndexShape {
  method: 'btree' | 'gin'
  keys: IndexKey[]
  /** How many leading keys are equality columns (their order among themselves does not matter). */
  equalityKeys: number
  include: string[]
  where: string | null
  /** What needs an extension first (pg_trgm). */
  needs: string | null
}

const ginKinds = new Set(['jsonb-contains', 'jsonb-exists', 'array', 'fulltext', 'trigram'])

/** The index for `conditions` (and `sortKeys`, for an ordered read), or null when no index serves them. */
export function indexShapeFor(conditions: Condition[], sortKeys: SortKey[] = [], output: string[] = []): IndexShape | null {
  const gin = conditions.find((c) => c.key !== null && ginKinds.has(c.kind))
  const equality = unique(conditions.filter((c) => c.kind === 'eq' && c.key !== null))
  const range = conditions.find((c) => (c.kind === 'range' || c.kind === 'like-prefix') && c.key !== null && !equality.some((e) => e.key === c.key))
  if (gin && equality.length === 0 && sortKeys.length === 0 && !range) return ginShape(gin, conditions)
  const partial = conditions.filter((c) => (c.kind === 'bool' || c.kind === 'is-null') && c.key !== null)
  const keys: IndexKey[] = equality.map((c) => ({ key: c.key!, expression: c.expression }))
  for (const sort of sortKeys) if (!keys.some((k) => k.key === sort.key)) keys.push({ key: sort.key, expression: sort.expression, descending: sort.descending, nulls: sort.nulls })
  if (range && !keys.some((k) => k.key === range.key)) keys.push({ key: range.key!, expression: range.expression, opclass: range.kind === 'like-prefix' ? 'text_pattern_ops' : undefined })
  let where: string | null = null
  if (partial.length > 0) {
    where = partial.map((c) => c.text).join(' AND ')
    if (keys.length === 0) keys.push({ key: partial[0]!.key!, expression: partial[0]!.expression })
  }
  if (keys.length === 0) return gin ? ginShape(gin, conditions) : null
  const trimmed = keys.slice(0, adviceThresholds.maxIndexColumns)
  return { method: 'btree', keys: trimmed, equalityKeys: Math.min(equality.length, trimmed.length), include: includeFor(trimmed, output, partial), where, needs: null }
}

function unique(conditions: Condition[]): Condition[] {
  const seen = new Set<string>()
  return conditions.filter((c) => !seen.has(c.key!) && seen.add(c.key!))
}

function ginShape(gin: Condition, conditions: Condition[]): IndexShape {
  const sameKey = conditions.filter((c) => c.key === gin.key)
  // jsonb_path_ops is smaller and faster, but serves only @>.
  const opclass = gin.kind === 'trigram' ? 'gin_trgm_ops' : sameKey.every((c) => c.kind === 'jsonb-contains') && gin.kind === 'jsonb-contains' ? 'jsonb_path_ops' : undefined
  return { method: 'gin', keys: [{ key: gin.key!, expression: gin.expression, opclass }], equalityKeys: 0, include: [], where: null, needs: gin.kind === 'trigram' ? 'pg_trgm' : null }
}

/** Plain output columns not in the key, when few: INCLUDE them for an index-only scan. */
function includeFor(keys: IndexKey[], output: string[], partial: Condition[]): string[] {
  const plain = output.filter((column) => /^[a-z_][a-z0-9_]*$/.test(column))
  if (plain.length !== output.length) return []
  const extra = plain.filter((column) => !keys.some((k) => k.key === column) && !partial.some((c) => c.key === column))
  return extra.length > 0 && extra.length <= adviceThresholds.maxIncludeColumns ? [...new Set(extra)] : []
}

/** A name for the index: table and columns, as PostgreSQL's own default would read, within 63 bytes. */
export function indexName(table: string, shape: IndexShape): string {
  // Expressions name their functions and columns: literals, casts and punctuation dropped.
  const words = shape.keys
    .map((k) => k.key.replace(/'(?:[^']|'')*'/g, ' ').replace(/\bAS\s+[\w.]+|\bCAST\b|::[\w.]+/g, ' ').replace(/[^a-zA-Z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase())
    .join('_')
  return `${table}_${words}_idx`.replace(/_+/g, '_').slice(0, 63)
}

function element(key: IndexKey): string {
  const column = key.expression ? `(${key.key})` : quoteIdentifierIfNeeded(key.key)
  return [column, key.opclass, key.descending ? 'DESC' : null, key.nulls ? `NULLS ${key.nulls.toUpperCase()}` : null].filter(Boolean).join(' ')
}

/** CREATE INDEX CONCURRENTLY name ON schema.table USING method (…) [INCLUDE (…)] [WHERE …]. */
export function createIndexStatement(schema: string | null, table: string, shape: IndexShape, concurrently = true): string {
  const target = schema ? `${quoteIdentifierIfNeeded(schema)}.${quoteIdentifierIfNeeded(table)}` : quoteIdentifierIfNeeded(table)
  const include = shape.include.length ? ` INCLUDE (${shape.include.map(quoteIdentifierIfNeeded).join(', ')})` : ''
  const where = shape.where ? ` WHERE ${shape.where}` : ''
  return `CREATE INDEX${concurrently ? ' CONCURRENTLY' : ''} ${quoteIdentifierIfNeeded(indexName(table, shape))} ON ${target} USING ${shape.method} (${shape.keys.map(element).join(', ')})${include}${where}`
}
