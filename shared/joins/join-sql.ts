/**
 * The SQL the stepper runs, built from the parse tree (never by cutting strings).
 *
 * Each sampled table travels as one bind parameter: a text[] of row literals
 * (`ROW(t.*)::text`), turned back into rows of the table's own row type in a
 * numbered CTE, so types, collations and coercions are the table's. The user's
 * query then runs with every table replaced by its sample (`tusk_sample_<n>`),
 * and each join's ON predicate is asked as a column over the CROSS JOIN of its
 * two sides, with leaf row numbers (`tusk_rn_<leaf>`) riding along.
 */
import { quoteIdentifier } from '../sql/quote-identifier'
import type { JoinAnalysis, JoinLeaf, JoinTree, SemiJoin, LogicalJoin } from './join-analysis'
import { bodyOf, boolExpr, cloneAst, columnRef, deparse, equals, findAll, isTrue, list, parseOwn, rewriteTree, selectStmt, starRef, str, subselect, target, trueConst, type Ast } from './join-ast'

/** Where a table's sample comes from: its parameter number and its row type, as resolved by the server. */
export interface SampledTable {
  param: number
  schema: string
  name: string
}

/** The tables a statement reads (schema as written, or undefined), CTE names excluded. */
export interface TableRef {
  schema?: string
  name: string
  /** Written `ONLY t`: without inheritance children or partitions. */
  only?: boolean
}

export function baseTableRefs(analysis: JoinAnalysis): TableRef[] {
  const ctes = new Set(findAll(analysis.statement, 'CommonTableExpr').map((c) => str((c.CommonTableExpr as Ast).ctename)))
  const seen = new Map<string, TableRef>()
  for (const node of findAll(analysis.statement, 'RangeVar')) {
    const r = node.RangeVar as Ast
    const schema = str(r.schemaname)
    const name = str(r.relname) ?? ''
    if (!schema && ctes.has(name)) continue
    const ref = { schema, name, only: r.inh !== true }
    seen.set(tableKey(ref), ref)
  }
  return [...seen.values()]
}

export function tableKey(ref: TableRef): string {
  return `${ref.schema ?? ''}\u0000${ref.name}\u0000${ref.only ? 'only' : ''}`
}

export const rnColumn = (leafId: number) => `tusk_rn_${leafId}`
export const isRnColumn = (name: string) => /^tusk_rn_\d+$/.test(name)

export function leavesOf(tree: JoinTree): JoinLeaf[] {
  return 'leaf' in tree ? [tree.leaf] : [...leavesOf(tree.join.left), ...leavesOf(tree.join.right)]
}

export class JoinSqlBuilder {
  private readonly ctes: Ast[]
  private readonly leafByNode = new Map<Ast, JoinLeaf>()
  private readonly joinNodes = new Map<LogicalJoin, Ast>()

  /** `tables` maps tableKey(the table as written) to its sample. */
  constructor(
    private readonly analysis: JoinAnalysis,
    private readonly tables: Map<string, SampledTable>
  ) {
    for (const leaf of analysis.leaves) this.leafByNode.set(leaf.node, leaf)
    const params = new Map([...tables.values()].map((t) => [t.param, t]))
    const parts: string[] = []
    for (const t of [...params.values()].sort((a, b) => a.param - b.param)) {
      parts.push(`tusk_sample_${t.param} AS (SELECT (e.r::${rowType(t)}).* FROM unnest($${t.param}::text[]) WITH ORDINALITY AS e(r, n))`)
    }
    for (const leaf of analysis.leaves) {
      const t = this.sampleOf(leaf)
      if (t) parts.push(`tusk_leaf_${leaf.id} AS (SELECT (e.r::${rowType(t)}).*, e.n AS ${rnColumn(leaf.id)} FROM unnest($${t.param}::text[]) WITH ORDINALITY AS e(r, n))`)
    }
    this.ctes = parts.length > 0 ? list((bodyOf(parseOwn(`WITH ${parts.join(', ')} SELECT 1`), 'SelectStmt')!.withClause as Ast).ctes) : []
  }

  get parameterCount(): number {
    return new Set([...this.tables.values()].map((t) => t.param)).size
  }

  /** The user's query on the samples: its rows are the answer. */
  resultQuery(): string {
    return this.statement(this.rewrite(this.analysis.statement, new Set()))
  }

  /** The user's query with the FROM leaves' row numbers appended to its output. */
  traceQuery(): string {
    const rn = new Set(this.analysis.fromLeaves.map((l) => l.id))
    const stmt = this.rewrite(this.analysis.statement, rn)
    const select = bodyOf(stmt, 'SelectStmt')!
    select.targetList = [...list(select.targetList), ...this.analysis.fromLeaves.map((l) => target(columnRef(rnColumn(l.id)), `tusk_trace_${l.id}`))]
    return this.statement(stmt)
  }

  /** A subquery, VALUES, function or CTE leaf's rows, numbered. */
  leafRowsQuery(leaf: JoinLeaf): string {
    return this.statement(selectStmt({ targetList: [target(starRef())], fromClause: [this.rnLeaf(leaf)], sortClause: [{ SortBy: { node: columnRef(rnColumn(leaf.id)), sortby_dir: 'SORTBY_DEFAULT', sortby_nulls: 'SORTBY_NULLS_DEFAULT' } }] }))
  }

  /** The output column names of one side of a join (for NATURAL). */
  sideColumnsQuery(tree: JoinTree): string {
    return this.statement(selectStmt({ targetList: [target(starRef())], fromClause: [this.side(tree)], whereClause: { A_Const: { boolval: {} } } }))
  }

  /** Every left × right pair of a join with the ON verdict as column `tusk_on`. */
  joinVerdictQuery(join: LogicalJoin, naturalColumns: string[] = []): string {
    const rns = [...leavesOf(join.left), ...leavesOf(join.right)].map((l) => target(columnRef(rnColumn(l.id))))
    if (join.quals || join.kind === 'CROSS') {
      const verdict = join.quals ? cloneAst(join.quals) : trueConst()
      return this.statement(selectStmt({ targetList: [...rns, target(this.rewrite(verdict, new Set()), 'tusk_on')], fromClause: [this.side(join.left), this.side(join.right)] }))
    }
    // USING and NATURAL compare the columns of the two sides as each side shows them (merged USING columns included).
    const columns = join.using ?? naturalColumns
    const eqs = columns.map((c) => equals(columnRef('tusk_l', c), columnRef('tusk_r', c)))
    const verdict = eqs.length === 0 ? trueConst() : eqs.length === 1 ? eqs[0]! : boolExpr('AND_EXPR', eqs)
    const wrap = (tree: JoinTree, alias: string) => subselect(selectStmt({ targetList: [target(starRef())], fromClause: [this.side(tree)] }), alias)
    return this.statement(selectStmt({ targetList: [...rns, target(verdict, 'tusk_on')], fromClause: [wrap(join.left, 'tusk_l'), wrap(join.right, 'tusk_r')] }))
  }

  /** Each row of the FROM clause with every WHERE conjunct's verdict (`tusk_w_<i>`). */
  whereQuery(): string {
    const rn = new Set(this.analysis.fromLeaves.map((l) => l.id))
    const rns = this.analysis.fromLeaves.map((l) => target(columnRef(rnColumn(l.id))))
    const verdicts = this.analysis.conjuncts.map((c, i) => target(this.rewrite(c, new Set()), `tusk_w_${i}`))
    const from = this.rewrite(this.fromClause(), rn)
    return this.statement(selectStmt({ targetList: [...rns, ...verdicts], fromClause: from }))
  }

  /** Every (FROM row) × (subquery row) pair of a semi-join with its verdict. */
  semiVerdictQuery(semi: SemiJoin): string {
    const outerRns = this.analysis.fromLeaves.map((l) => target(columnRef(rnColumn(l.id))))
    const innerLeaves = leavesOf(semi.inner)
    const innerRns = innerLeaves.map((l) => target(columnRef(rnColumn(l.id))))
    const where = semi.innerWhere ? this.rewrite(cloneAst(semi.innerWhere), new Set()) : trueConst()
    const innerTargets = semi.targets
      ? [target(isTrue(where), 'tusk_w'), ...semi.targets.map((t, i) => target(this.rewrite(cloneAst(t), new Set()), `tusk_t${i + 1}`))]
      : [target(where, 'tusk_v')]
    const inner = subselect(selectStmt({ targetList: [...innerRns, ...innerTargets], fromClause: [this.side(semi.inner)] }), 'tusk_sub', true)
    let verdict: Ast = columnRef('tusk_sub', 'tusk_v')
    if (semi.targets && semi.testexpr) {
      const refs = semi.targets.map((_, i) => columnRef('tusk_sub', `tusk_t${i + 1}`))
      const right = refs.length === 1 ? refs[0]! : { RowExpr: { args: refs, row_format: 'COERCE_EXPLICIT_CALL' } }
      verdict = boolExpr('AND_EXPR', [columnRef('tusk_sub', 'tusk_w'), equals(this.rewrite(cloneAst(semi.testexpr), new Set()), right, semi.operator)])
    }
    const from = this.rewrite(this.fromClause(), new Set(this.analysis.fromLeaves.map((l) => l.id)))
    return this.statement(selectStmt({ targetList: [...outerRns, ...innerLeaves.map((l) => target(columnRef('tusk_sub', rnColumn(l.id)))), target(verdict, 'tusk_on')], fromClause: [...from, inner] }))
  }

  private fromClause(): Ast[] {
    return list(bodyOf(this.analysis.statement, 'SelectStmt')!.fromClause)
  }

  /** A join side as a FROM item, its leaves numbered. */
  private side(tree: JoinTree): Ast {
    const all = new Set(this.analysis.leaves.map((l) => l.id))
    if ('leaf' in tree) return this.rewrite(tree.leaf.node, all)
    return this.rewrite(this.joinNode(tree.join), all)
  }

  /** The JoinExpr of a join (comma joins get a CROSS JOIN of their items). */
  private joinNode(join: LogicalJoin): Ast {
    let node = join.node ?? this.joinNodes.get(join)
    if (!node) {
      node = { JoinExpr: { jointype: 'JOIN_INNER', larg: this.treeNode(join.left), rarg: this.treeNode(join.right) } }
      this.joinNodes.set(join, node)
    }
    return node
  }

  private treeNode(tree: JoinTree): Ast {
    return 'leaf' in tree ? tree.leaf.node : this.joinNode(tree.join)
  }

  private sampleOf(leaf: JoinLeaf): SampledTable | undefined {
    return leaf.table ? this.tables.get(tableKey(leaf.table)) : undefined
  }

  /** A copy of `node` reading samples: leaves in `numbered` carry row numbers, other tables are plain samples. */
  private rewrite<T>(node: T, numbered: Set<number>): T {
    return rewriteTree(node, (n) => {
      const leaf = this.leafByNode.get(n)
      if (leaf && numbered.has(leaf.id)) return this.rnLeaf(leaf)
      const r = bodyOf(n, 'RangeVar')
      if (!r) return undefined
      const sample = this.tables.get(tableKey({ schema: str(r.schemaname), name: str(r.relname) ?? '', only: r.inh !== true }))
      if (!sample) return undefined
      return { RangeVar: { relname: `tusk_sample_${sample.param}`, inh: true, relpersistence: 'p', alias: cloneAst(r.alias) ?? { aliasname: r.relname } } }
    })
  }

  /** A leaf whose rows carry `tusk_rn_<id>`: a numbered sample CTE, or the leaf wrapped with row_number(). */
  private rnLeaf(leaf: JoinLeaf): Ast {
    if (this.sampleOf(leaf)) {
      const r = leaf.node.RangeVar as Ast
      return { RangeVar: { relname: `tusk_leaf_${leaf.id}`, inh: true, relpersistence: 'p', alias: cloneAst(r.alias) ?? { aliasname: r.relname } } }
    }
    const alias = quoteIdentifier(leaf.alias)
    const wrapper = bodyOf(parseOwn(`SELECT ${alias}.*, row_number() OVER (ORDER BY ROW(${alias}.*)::text) AS ${rnColumn(leaf.id)} FROM tusk_placeholder`), 'SelectStmt')!
    const inner = this.rewrite(leaf.node, new Set())
    const innerBody = Object.values(inner)[0] as Ast
    if (!innerBody.alias) innerBody.alias = { aliasname: leaf.alias }
    wrapper.fromClause = [inner]
    return subselect({ SelectStmt: wrapper }, leaf.alias)
  }

  private statement(stmt: Ast): string {
    const select = bodyOf(stmt, 'SelectStmt')!
    // Queries built from scratch still need the user's own CTEs (reading samples too).
    const own = (select.withClause as Ast | undefined) ?? this.rewrite(bodyOf(this.analysis.statement, 'SelectStmt')!.withClause as Ast | undefined, new Set())
    const ctes = [...cloneAst(this.ctes), ...list(own?.ctes)]
    if (ctes.length > 0) select.withClause = { ...(own ?? {}), ctes }
    else delete select.withClause
    return deparse(stmt)
  }
}

function rowType(t: SampledTable): string {
  return `${quoteIdentifier(t.schema)}.${quoteIdentifier(t.name)}`
}

