/**
 * What a plan's expression strings say about columns, read with PostgreSQL's
 * own parser (libpg-query) rather than patterns over the text.
 *
 * A Filter or Index Cond is parsed as `SELECT 1 WHERE <expr>`, a sort key as
 * `SELECT 1 ORDER BY <key>`, after the references EXPLAIN prints that are not
 * SQL (`SubPlan 1`, `(InitPlan 1).col1`, `hashed SubPlan 2`) become parameters.
 * Columns of the scanned relation are recognised by their qualifier (the
 * alias, with VERBOSE) or by having none; a column of another relation is a
 * value from outside, like a parameter. Expressions are re-emitted by
 * pgsql-deparser with the qualifier dropped, as an index would be written.
 * Node side only: the parser's WebAssembly cannot load under the renderer's CSP.
 */
import { parseSync } from 'libpg-query'
import { deparseSync } from 'pgsql-deparser'

export type ConditionKind =
  | 'eq'
  | 'range'
  | 'like-prefix'
  | 'trigram'
  | 'jsonb-contains'
  | 'jsonb-exists'
  | 'array'
  | 'fulltext'
  | 'is-null'
  | 'bool'
  | 'not-equal'
  | 'or'
  | 'other'

export interface Condition {
  kind: ConditionKind
  /** The indexed column or expression, as written in an index; null when none of the relation's columns is alone on one side. */
  key: string | null
  /** True when `key` is an expression rather than a plain column. */
  expression: boolean
  /** The condition itself, unqualified (for a partial index's WHERE, or a rewrite hint). */
  text: string
}

export interface SortKey {
  key: string
  expression: boolean
  descending: boolean
  /** 'first' | 'last' when printed explicitly, null for the default of the direction. */
  nulls: 'first' | 'last' | null
}

type Node = Record<string, unknown>

/** `SubPlan 1`, `(InitPlan 1).col1`, `(hashed SubPlan 2)`, `(returns $0)`: not SQL, so each becomes a parameter. */
const planReferences = /\((?:hashed )?SubPlan \d+\)|\(InitPlan \d+\)\.col\d+|\(InitPlan \d+\)|(?:hashed )?SubPlan \d+|InitPlan \d+(?: \(returns [^)]*\))?/g

const cache = new Map<string, Node[] | null>()

/** The top-level AND-ed parts of an expression, or null when the parser refuses it. */
function conjuncts(expression: string): Node[] | null {
  const cached = cache.get(expression)
  if (cached !== undefined) return cached
  let parts: Node[] | null = null
  try {
    const tree = parseSync(`SELECT 1 WHERE ${expression.replace(planReferences, '$1')}`) as { stmts: Array<{ stmt: { SelectStmt: { whereClause?: Node } } }> }
    const where = tree.stmts[0]?.stmt.SelectStmt.whereClause
    if (where) parts = flattenAnd(where)
  } catch {
    parts = null
  }
  if (cache.size > 5000) cache.clear()
  cache.set(expression, parts)
  return parts
}

function flattenAnd(node: Node): Node[] {
  const bool = node['BoolExpr'] as { boolop: string; args: Node[] } | undefined
  if (bool?.boolop === 'AND_EXPR') return bool.args.flatMap(flattenAnd)
  return [node]
}

const stripCast = (node: Node): Node => {
  let current = node
  while (current['TypeCast']) current = (current['TypeCast'] as { arg: Node }).arg
  return current
}

interface Refs {
  own: number
  other: number
}

/** Column references in a subtree: of the relation (`alias`), and of any other. */
function refsIn(node: unknown, alias: string | null, relation: string | null, refs: Refs = { own: 0, other: 0 }): Refs {
  if (!node || typeof node !== 'object') return refs
  if (Array.isArray(node)) {
    for (const child of node) refsIn(child, alias, relation, refs)
    return refs
  }
  const ref = (node as Node)['ColumnRef'] as { fields: Node[] } | undefined
  if (ref) {
    const names = ref.fields.map((field) => (field['String'] as { sval?: string } | undefined)?.sval ?? '*')
    const qualifier = names.length >= 2 ? names[names.length - 2] : null
    if (qualifier === null || qualifier === alias || qualifier === relation) refs.own++
    else refs.other++
    return refs
  }
  for (const value of Object.values(node as Node)) refsIn(value, alias, relation, refs)
  return refs
}

/** A copy of the subtree with the relation's own qualifiers dropped (`l.email` → `email`), as an index names its columns. */
function unqualified(node: unknown, own: ReadonlySet<string | null>): unknown {
  if (!node || typeof node !== 'object') return node
  if (Array.isArray(node)) return node.map((child) => unqualified(child, own))
  const out: Node = {}
  for (const [key, value] of Object.entries(node as Node)) {
    if (key === 'ColumnRef') {
      const fields = (value as { fields: Node[] }).fields
      const qualifier = fields.length >= 2 ? (fields[fields.length - 2]?.['String'] as { sval?: string } | undefined)?.sval : undefined
      out[key] = qualifier !== undefined && own.has(qualifier) ? { ...(value as Node), fields: fields.slice(-1) } : value
    } else out[key] = unqualified(value, own)
  }
  return out
}

/** Unqualified SQL of a subtree, on one line. */
function deparse(node: Node, alias: string | null, relation: string | null): string {
  return deparseSync(unqualified(node, new Set([alias, relation])) as never, { pretty: false })
}

/** The relation's column or expression alone on one side (casts dropped for a plain column), else null. */
function keyOf(side: Node, alias: string | null, relation: string | null): { key: string; expression: boolean } | null {
  const refs = refsIn(side, alias, relation)
  if (refs.own === 0 || refs.other > 0) return null
  const bare = stripCast(side)
  if (bare['ColumnRef']) return { key: deparse(bare, alias, relation), expression: false }
  // A cast of a column is what the comparison needs, not an expression to index: keep the cast only around more than a column.
  return { key: deparse(side, alias, relation), expression: true }
}

const isOutside = (side: Node, alias: string | null, relation: string | null) => refsIn(side, alias, relation).own === 0

const operatorKinds: Record<string, ConditionKind> = {
  '=': 'eq',
  '<': 'range',
  '<=': 'range',
  '>': 'range',
  '>=': 'range',
  '<>': 'not-equal',
  '!=': 'not-equal',
  '~~*': 'trigram',
  '~': 'trigram',
  '~*': 'trigram',
  '?': 'jsonb-exists',
  '?|': 'jsonb-exists',
  '?&': 'jsonb-exists',
  '&&': 'array',
  '@@': 'fulltext'
}

function constantText(node: Node): string | null {
  const constant = stripCast(node)['A_Const'] as { sval?: { sval: string } } | undefined
  return constant?.sval?.sval ?? null
}

function castTypeName(node: Node): string | null {
  const cast = node['TypeCast'] as { typeName: { names: Node[]; arrayBounds?: unknown[] } } | undefined
  if (!cast) return null
  if (cast.typeName.arrayBounds?.length) return 'array'
  const names = cast.typeName.names.map((n) => (n['String'] as { sval: string }).sval)
  return names[names.length - 1] ?? null
}

function classify(part: Node, alias: string | null, relation: string | null): Condition {
  const text = deparse(part, alias, relation)
  const other: Condition = { kind: 'other', key: null, expression: false, text }
  const expr = part['A_Expr'] as { kind: string; name: Node[]; lexpr: Node; rexpr: Node } | undefined
  if (expr) {
    const operator = (expr.name[expr.name.length - 1]?.['String'] as { sval: string } | undefined)?.sval ?? ''
    let left = keyOf(expr.lexpr, alias, relation)
    let value = expr.rexpr
    if (!left || !isOutside(value, alias, relation)) {
      left = expr.rexpr ? keyOf(expr.rexpr, alias, relation) : null
      value = expr.lexpr
      if (!left || !isOutside(value, alias, relation)) return other
    }
    const on = { key: left.key, expression: left.expression, text }
    if (expr.kind === 'AEXPR_OP_ANY' || expr.kind === 'AEXPR_IN') return { ...on, kind: operator === '=' ? 'eq' : operator === '<>' ? 'not-equal' : 'other' }
    if (expr.kind.startsWith('AEXPR_BETWEEN')) return { ...on, kind: expr.kind.startsWith('AEXPR_NOT') ? 'other' : 'range' }
    if (operator === '~~' || expr.kind === 'AEXPR_LIKE') {
      const pattern = constantText(value)
      return { ...on, kind: pattern !== null && !/^[%_]/.test(pattern) ? 'like-prefix' : 'trigram' }
    }
    if (expr.kind === 'AEXPR_ILIKE') return { ...on, kind: 'trigram' }
    if (operator === '@>' || operator === '<@') return { ...on, kind: castTypeName(value) === 'jsonb' ? 'jsonb-contains' : 'array' }
    return { ...on, kind: operatorKinds[operator] ?? 'other' }
  }
  const nullTest = part['NullTest'] as { arg: Node; nulltesttype: string } | undefined
  if (nullTest) {
    const key = keyOf(nullTest.arg, alias, relation)
    return key ? { ...key, kind: 'is-null', text } : other
  }
  const bool = part['BoolExpr'] as { boolop: string; args: Node[] } | undefined
  if (bool?.boolop === 'NOT_EXPR' && bool.args[0]?.['ColumnRef']) {
    const key = keyOf(bool.args[0], alias, relation)
    return key ? { ...key, kind: 'bool', text } : other
  }
  if (bool?.boolop === 'OR_EXPR') {
    // x = 1 OR x = 2 on one column is an IN list; across columns, no single index serves it.
    const arms = bool.args.map((arm) => classify(arm, alias, relation))
    const keys = new Set(arms.map((arm) => arm.key))
    if (arms.every((arm) => arm.kind === 'eq') && keys.size === 1) return { ...arms[0]!, kind: 'eq', text }
    return { kind: 'or', key: null, expression: false, text }
  }
  if (part['ColumnRef'] || part['BooleanTest']) {
    const key = keyOf(part['BooleanTest'] ? ((part['BooleanTest'] as { arg: Node }).arg) : part, alias, relation)
    return key ? { ...key, kind: 'bool', text } : other
  }
  return other
}

/** The AND-ed conditions of a plan expression on the relation `alias`/`relation`; null when it cannot be parsed. */
export function conditionsOf(expression: string, alias: string | null, relation: string | null): Condition[] | null {
  const parts = conjuncts(expression)
  if (!parts) return null
  try {
    return parts.map((part) => classify(part, alias, relation))
  } catch {
    return null
  }
}

/** A Sort Key entry ("l.loaned_at DESC NULLS LAST") as an index key of the relation, or null when it is not one. */
export function sortKeyOf(text: string, alias: string | null, relation: string | null): SortKey | null {
  try {
    const tree = parseSync(`SELECT 1 ORDER BY ${text.replace(planReferences, '$1')}`) as {
      stmts: Array<{ stmt: { SelectStmt: { sortClause?: Array<{ SortBy: { node: Node; sortby_dir: string; sortby_nulls: string } }> } } }>
    }
    const sortBy = tree.stmts[0]?.stmt.SelectStmt.sortClause?.[0]?.SortBy
    if (!sortBy || sortBy.sortby_dir === 'SORTBY_USING') return null
    const key = keyOf(sortBy.node, alias, relation)
    if (!key) return null
    const descending = sortBy.sortby_dir === 'SORTBY_DESC'
    const nulls = sortBy.sortby_nulls === 'SORTBY_NULLS_FIRST' ? 'first' : sortBy.sortby_nulls === 'SORTBY_NULLS_LAST' ? 'last' : null
    // NULLS FIRST is DESC's default and NULLS LAST ASC's: only the other one needs saying.
    return { ...key, descending, nulls: nulls === (descending ? 'first' : 'last') ? null : nulls }
  } catch {
    return null
  }
}

/** An expression as the parser re-emits it, so an existing index's `lower((email)::text)` and a plan's compare equal. */
export function normalExpression(expression: string): string {
  try {
    const tree = parseSync(`SELECT ${expression}`) as { stmts: Array<{ stmt: { SelectStmt: { targetList: Array<{ ResTarget: { val: Node } }> } } }> }
    const value = tree.stmts[0]!.stmt.SelectStmt.targetList[0]!.ResTarget.val
    return stripCast(value)['ColumnRef'] ? deparse(stripCast(value), null, null) : deparse(value, null, null)
  } catch {
    return expression
  }
}
