/**
 * Small tools over libpg-query's JSON parse tree, and the way back to SQL.
 *
 * The stepper never cuts SQL strings: it lifts nodes out of PostgreSQL's own
 * parse tree, builds new trees around them and prints them with pgsql-deparser.
 * A node is `{ Kind: { ...fields } }`; these helpers read and build that shape.
 */
import { parseSync } from 'libpg-query'
import { deparseSync } from 'pgsql-deparser'
import { loadSqlParser } from '../sql/sql-parser'

export type Ast = Record<string, unknown>

export { loadSqlParser }

/** The kind of a node (`RangeVar`, `JoinExpr`…), or null for anything else. */
export function kindOf(node: unknown): string | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null
  const keys = Object.keys(node)
  return keys.length === 1 ? keys[0]! : null
}

/** The fields of a node of `kind`, or null when it is another kind. */
export function bodyOf(node: unknown, kind: string): Ast | null {
  return kindOf(node) === kind ? ((node as Ast)[kind] as Ast) : null
}

export function list(value: unknown): Ast[] {
  return Array.isArray(value) ? (value as Ast[]) : []
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** The strings of a list of `String` nodes (names, USING columns). */
export function names(value: unknown): string[] {
  return list(value).map((n) => str(bodyOf(n, 'String')?.sval) ?? '')
}

export function stringNode(sval: string): Ast {
  return { String: { sval } }
}

export function columnRef(...fields: string[]): Ast {
  return { ColumnRef: { fields: fields.map(stringNode) } }
}

export function starRef(qualifier?: string): Ast {
  return { ColumnRef: { fields: [...(qualifier ? [stringNode(qualifier)] : []), { A_Star: {} }] } }
}

export function target(val: Ast, name?: string): Ast {
  return { ResTarget: name ? { name, val } : { val } }
}

export function equals(left: Ast, right: Ast, operator = '='): Ast {
  return { A_Expr: { kind: 'AEXPR_OP', name: [stringNode(operator)], lexpr: left, rexpr: right } }
}

export function boolExpr(op: 'AND_EXPR' | 'OR_EXPR' | 'NOT_EXPR', args: Ast[]): Ast {
  return { BoolExpr: { boolop: op, args } }
}

export function trueConst(): Ast {
  return { A_Const: { boolval: { boolval: true } } }
}

export function isTrue(arg: Ast): Ast {
  return { BooleanTest: { arg, booltesttype: 'IS_TRUE' } }
}

export function rangeVar(relname: string, alias?: string): Ast {
  return { RangeVar: { relname, inh: true, relpersistence: 'p', ...(alias ? { alias: { aliasname: alias } } : {}) } }
}

export function subselect(select: Ast, alias: string, lateral = false): Ast {
  return { RangeSubselect: { ...(lateral ? { lateral: true } : {}), subquery: select, alias: { aliasname: alias } } }
}

/** A SelectStmt node from parts. */
export function selectStmt(parts: { targetList: Ast[]; fromClause?: Ast[]; whereClause?: Ast; withClause?: Ast; sortClause?: Ast[] }): Ast {
  return { SelectStmt: { ...parts, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } }
}

/** Parse one statement we wrote ourselves (identifiers quoted, values as $n). */
export function parseOwn(sql: string): Ast {
  const tree = parseSync(sql) as { stmts?: { stmt?: Ast }[] }
  const stmt = tree.stmts?.[0]?.stmt
  if (!stmt) throw new Error(`internal: no statement in ${sql}`)
  return stmt
}

/** A deep copy where `replace` may swap any node (returned as is, not walked). */
export function rewriteTree<T>(node: T, replace: (node: Ast) => Ast | undefined): T {
  if (Array.isArray(node)) return node.map((item: unknown) => rewriteTree(item, replace)) as T
  if (!node || typeof node !== 'object') return node
  const swapped = replace(node as Ast)
  if (swapped) return swapped as T
  const copy: Ast = {}
  for (const [key, value] of Object.entries(node as Ast)) copy[key] = rewriteTree(value, replace)
  return copy as T
}

/** Every node of `kind` under `node` (not looking inside nodes for which `skip` says so). */
export function findAll(node: unknown, kind: string, skip: (node: Ast) => boolean = () => false): Ast[] {
  const found: Ast[] = []
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk)
    if (!n || typeof n !== 'object') return
    if (skip(n as Ast)) return
    if (kindOf(n) === kind) found.push(n as Ast)
    for (const value of Object.values(n as Ast)) walk(value)
  }
  walk(node)
  return found
}

/** SQL text of a statement or expression node, on one line. */
export function deparse(node: Ast): string {
  return deparseSync(node as never, { pretty: false }).trim()
}

/** A deep copy of a node (parse trees are plain JSON). */
export function cloneAst<T>(node: T): T {
  return rewriteTree(node, () => undefined)
}
