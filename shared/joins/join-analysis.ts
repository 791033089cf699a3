/**
 * A SELECT's parse tree → the joins the stepper shows.
 *
 * The FROM clause becomes a binary join tree (INNER/LEFT/RIGHT/FULL/CROSS, ON,
 * USING, NATURAL, comma lists as cross joins); EXISTS / NOT EXISTS / IN / NOT IN
 * conjuncts of the WHERE become semi- and anti-joins. Leaves are tables,
 * subqueries, VALUES lists, functions or CTEs. What the stepper cannot show
 * (LATERAL, aggregates or window functions over the join, set operations…) is
 * refused with a reason that names it.
 */
import { parseSync } from 'libpg-query'
import { bodyOf, deparse, findAll, kindOf, list, loadSqlParser, names, str, type Ast } from './join-ast'
import type { JoinKind, JoinWritten } from './join-model'
import { checkSelect, maxLeaves, refuse, simpleSubquery, UnsupportedJoinQuery } from './join-refusals'

export { UnsupportedJoinQuery }

export interface JoinLeaf {
  /** 1-based; the leaf's row numbers travel as column `tusk_rn_<id>`. */
  id: number
  kind: 'table' | 'subquery' | 'values' | 'function' | 'cte'
  /** The name the query uses for it (its alias, else the table's name). */
  alias: string
  label: string
  table?: { schema?: string; name: string; only?: boolean }
  /** The FROM item as parsed (replaced by identity when SQL is rebuilt). */
  node: Ast
}

export type JoinTree = { leaf: JoinLeaf } | { join: LogicalJoin }

export interface LogicalJoin {
  id: number
  kind: Exclude<JoinKind, 'SEMI' | 'ANTI'>
  written: JoinWritten
  left: JoinTree
  right: JoinTree
  quals?: Ast
  using?: string[]
  natural?: boolean
  condition: string | null
  /** The JoinExpr as parsed; comma joins have none. */
  node?: Ast
}

export interface SemiJoin {
  id: number
  kind: 'SEMI' | 'ANTI'
  written: 'EXISTS' | 'NOT EXISTS' | 'IN' | 'NOT IN'
  /** Index of the WHERE conjunct it comes from. */
  conjunct: number
  inner: JoinTree
  innerWhere?: Ast
  /** IN: the outer expression, the operator and the subquery's output expressions. */
  testexpr?: Ast
  operator?: string
  targets?: Ast[]
  condition: string
}

export interface JoinAnalysis {
  /** The SelectStmt node as parsed. */
  statement: Ast
  tree: JoinTree
  joins: LogicalJoin[]
  semis: SemiJoin[]
  /** The WHERE clause split at its top-level ANDs. */
  conjuncts: Ast[]
  leaves: JoinLeaf[]
  /** Leaves of the FROM clause (not inside semi-joins). */
  fromLeaves: JoinLeaf[]
  /** Equalities between two leaves' columns (for picking matching sample rows). */
  keys: { left: { leaf: number; column: string }; right: { leaf: number; column: string } }[]
  distinct: boolean
}

export async function analyseJoinQuery(sql: string): Promise<JoinAnalysis> {
  await loadSqlParser()
  let tree: { stmts?: { stmt?: Ast }[] }
  try {
    tree = parseSync(sql) as typeof tree
  } catch (error) {
    throw new UnsupportedJoinQuery(`The query does not parse: ${error instanceof Error ? error.message : String(error)}`)
  }
  const stmts = tree.stmts ?? []
  if (stmts.length !== 1) refuse(stmts.length === 0 ? 'an empty query' : 'several statements at once (give one SELECT)')
  const select = bodyOf(stmts[0]!.stmt, 'SelectStmt')
  if (!select) refuse(`${kindOf(stmts[0]!.stmt)?.replace(/Stmt$/, '').toUpperCase() ?? 'this'} statements: only SELECT queries`)
  checkSelect(select)
  return new Analyser(stmts[0]!.stmt as Ast, select).run()
}

function conjunctsOf(where: unknown): Ast[] {
  if (!where) return []
  const b = bodyOf(where, 'BoolExpr')
  if (b?.boolop === 'AND_EXPR') return list(b.args).flatMap(conjunctsOf)
  return [where as Ast]
}

class Analyser {
  private readonly leaves: JoinLeaf[] = []
  private readonly joins: LogicalJoin[] = []
  private readonly cteNames: Set<string>

  constructor(
    private readonly statement: Ast,
    private readonly select: Ast
  ) {
    this.cteNames = new Set(findAll(statement, 'CommonTableExpr').map((c) => str((c.CommonTableExpr as Ast).ctename) ?? ''))
  }

  run(): JoinAnalysis {
    const from = list(this.select.fromClause)
    if (from.length === 0) refuse('a query without FROM (there is no join)')
    let tree = this.item(from[0]!)
    for (const item of from.slice(1)) tree = this.join({ kind: 'CROSS', written: ',', left: tree, right: this.item(item), condition: null })
    const fromLeaves = [...this.leaves]
    const conjuncts = conjunctsOf(this.select.whereClause)
    const semis: SemiJoin[] = []
    conjuncts.forEach((conjunct, index) => {
      const semi = this.semiJoin(conjunct, index, this.joins.length + semis.length + 1)
      if (semi) semis.push(semi)
    })
    if (this.joins.length === 0 && semis.length === 0 && findAll(this.select.whereClause, 'SubLink').length > 0) {
      refuse('a subquery that is not a WHERE condition of its own (only `WHERE [NOT] EXISTS (…)` and `WHERE x [NOT] IN (…)`, joined by AND, become semi-joins; not inside OR or an expression)')
    }
    if (this.joins.length === 0 && semis.length === 0) refuse('a query without a join (it reads one table; add a JOIN, a comma, or EXISTS / IN)')
    if (this.leaves.length > maxLeaves) refuse(`more than ${maxLeaves} tables in one query`)
    return {
      statement: this.statement,
      tree,
      joins: this.joins,
      semis,
      conjuncts,
      leaves: this.leaves,
      fromLeaves,
      keys: this.keys(semis),
      distinct: Boolean(this.select.distinctClause)
    }
  }

  private join(parts: Omit<LogicalJoin, 'id'>): JoinTree {
    const join: LogicalJoin = { id: this.joins.length + 1, ...parts }
    this.joins.push(join)
    return { join }
  }

  private item(node: Ast): JoinTree {
    const j = bodyOf(node, 'JoinExpr')
    if (!j) return { leaf: this.leaf(node) }
    const left = this.item(j.larg as Ast)
    const right = this.item(j.rarg as Ast)
    const using = j.usingClause ? names(j.usingClause) : undefined
    const natural = Boolean(j.isNatural)
    const quals = j.quals as Ast | undefined
    const type = str(j.jointype)
    const kind = type === 'JOIN_LEFT' ? 'LEFT' : type === 'JOIN_RIGHT' ? 'RIGHT' : type === 'JOIN_FULL' ? 'FULL' : type === 'JOIN_INNER' ? (quals || using || natural ? 'INNER' : 'CROSS') : refuse(`this join type (${type ?? '?'})`)
    const written: JoinWritten = natural ? 'NATURAL' : using ? 'USING' : quals ? 'ON' : 'CROSS JOIN'
    const condition = quals ? deparse(quals) : using ? `USING (${using.join(', ')})` : natural ? 'NATURAL (columns of the same name)' : null
    return this.join({ kind, written, left, right, quals, using, natural, condition, node })
  }

  private leaf(node: Ast): JoinLeaf {
    const id = this.leaves.length + 1
    const kind = kindOf(node)
    let leaf: JoinLeaf
    if (kind === 'RangeVar') {
      const r = node.RangeVar as Ast
      const name = str(r.relname) ?? ''
      const schema = str(r.schemaname)
      const alias = str((r.alias as Ast | undefined)?.aliasname) ?? name
      const isCte = !schema && this.cteNames.has(name)
      const written = `${schema ? `${schema}.` : ''}${name}`
      leaf = { id, kind: isCte ? 'cte' : 'table', alias, label: alias !== name ? `${written} AS ${alias}` : written, node, ...(isCte ? {} : { table: { schema, name, only: r.inh !== true } }) }
    } else if (kind === 'RangeSubselect') {
      const r = node.RangeSubselect as Ast
      const isValues = Boolean(bodyOf(r.subquery, 'SelectStmt')?.valuesLists)
      const alias = str((r.alias as Ast | undefined)?.aliasname) ?? `tusk_subquery_${id}`
      leaf = { id, kind: isValues ? 'values' : 'subquery', alias, label: `(${isValues ? 'VALUES …' : 'subquery'}) AS ${alias}`, node }
    } else if (kind === 'RangeFunction') {
      const r = node.RangeFunction as Ast
      const firstCall = list(bodyOf(list(r.functions)[0], 'List')?.items)[0]
      const alias = str((r.alias as Ast | undefined)?.aliasname) ?? names(bodyOf(firstCall, 'FuncCall')?.funcname).at(-1) ?? `tusk_function_${id}`
      leaf = { id, kind: 'function', alias, label: `function AS ${alias}`, node }
    } else {
      refuse(`this kind of FROM item (${kind ?? 'unknown'})`)
    }
    this.leaves.push(leaf)
    return leaf
  }

  private semiJoin(conjunct: Ast, index: number, id: number): SemiJoin | null {
    const not = bodyOf(conjunct, 'BoolExpr')
    const negated = not?.boolop === 'NOT_EXPR'
    const link = bodyOf(negated ? list(not!.args)[0] : conjunct, 'SubLink')
    if (!link) return null
    const type = str(link.subLinkType)
    const operator = names(link.operName).at(-1)
    const isExists = type === 'EXISTS_SUBLINK'
    const isIn = type === 'ANY_SUBLINK' && (operator === undefined || operator === '=')
    if (!isExists && !isIn) return null
    const written = isExists ? (negated ? 'NOT EXISTS' : 'EXISTS') : negated ? 'NOT IN' : 'IN'
    const sub = simpleSubquery(link.subselect)
    if (!sub) return isIn ? this.inOverRows(link, id, index, written as 'IN' | 'NOT IN') : null
    const from = list(sub.fromClause)
    let inner = this.item(from[0]!)
    for (const item of from.slice(1)) inner = this.join({ kind: 'CROSS', written: ',', left: inner, right: this.item(item), condition: null })
    const targets = list(sub.targetList).map((t) => (t.ResTarget as Ast).val as Ast)
    if (isIn && targets.some((t) => findAll(t, 'A_Star').length > 0)) return null
    const innerWhere = sub.whereClause as Ast | undefined
    const condition = isExists ? (innerWhere ? deparse(innerWhere) : 'true') : `${deparse(link.testexpr as Ast)} = ${targets.map(deparse).join(', ')}${innerWhere ? ` (where ${deparse(innerWhere)})` : ''}`
    return { id, kind: negated ? 'ANTI' : 'SEMI', written, conjunct: index, inner, innerWhere, ...(isIn ? { testexpr: link.testexpr as Ast, operator: '=', targets } : {}), condition }
  }

  /** IN over a subquery that is more than rows of a FROM (VALUES, GROUP BY, UNION…): its output rows are the inner side. */
  private inOverRows(link: Ast, id: number, conjunct: number, written: 'IN' | 'NOT IN'): SemiJoin | null {
    let select = bodyOf(link.subselect, 'SelectStmt')
    while (select && select.op && select.op !== 'SETOP_NONE') select = bodyOf(select.larg, 'SelectStmt') ?? (select.larg as Ast | undefined) ?? null
    if (!select) return null
    const width = select.valuesLists ? list(bodyOf(list(select.valuesLists)[0], 'List')?.items).length : list(select.targetList).length
    if (width === 0 || findAll(select.targetList, 'A_Star').length > 0) return null
    const alias = `tusk_in_${id}`
    const columns = Array.from({ length: width }, (_, i) => `c${i + 1}`)
    const node: Ast = { RangeSubselect: { subquery: link.subselect, alias: { aliasname: alias, colnames: columns.map((c) => ({ String: { sval: c } })) } } }
    const leaf = this.leaf(node)
    leaf.label = `${written} (${select.valuesLists ? 'VALUES …' : 'subquery'})`
    const targets = columns.map((c) => ({ ColumnRef: { fields: [{ String: { sval: alias } }, { String: { sval: c } }] } }))
    const condition = `${deparse(link.testexpr as Ast)} = ${deparse(link.subselect as Ast)}`
    return { id, kind: written === 'IN' ? 'SEMI' : 'ANTI', written, conjunct, inner: { leaf }, testexpr: link.testexpr as Ast, operator: '=', targets, condition }
  }

  /** Column equalities between two leaves, from ON clauses, USING between two leaves, and semi-join WHEREs. */
  private keys(semis: SemiJoin[]): JoinAnalysis['keys'] {
    const byAlias = new Map(this.leaves.map((l) => [l.alias, l.id]))
    const keys: JoinAnalysis['keys'] = []
    const column = (node: unknown) => {
      const cast = bodyOf(node, 'TypeCast')
      const fields = names(bodyOf(cast ? cast.arg : node, 'ColumnRef')?.fields)
      const leaf = fields.length === 2 ? byAlias.get(fields[0]!) : undefined
      return leaf ? { leaf, column: fields[1]! } : null
    }
    const fromQuals = (quals: unknown) => {
      for (const c of conjunctsOf(quals)) {
        const e = bodyOf(c, 'A_Expr')
        if (!e || e.kind !== 'AEXPR_OP' || names(e.name).at(-1) !== '=') continue
        const left = column(e.lexpr)
        const right = column(e.rexpr)
        if (left && right && left.leaf !== right.leaf) keys.push({ left, right })
      }
    }
    for (const join of this.joins) {
      fromQuals(join.quals)
      if (join.using && 'leaf' in join.left && 'leaf' in join.right) {
        for (const c of join.using) keys.push({ left: { leaf: join.left.leaf.id, column: c }, right: { leaf: join.right.leaf.id, column: c } })
      }
    }
    for (const semi of semis) fromQuals(semi.innerWhere)
    return keys
  }
}
