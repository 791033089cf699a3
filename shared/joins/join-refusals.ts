/**
 * What the join stepper refuses, and why, in words that name the construct:
 * set operations, aggregates or window functions over the join, LATERAL,
 * data-modifying CTEs… Also which subqueries are plain enough to be shown as
 * one side of a semi-join.
 */
import { bodyOf, findAll, kindOf, list, names, type Ast } from './join-ast'

/** A query the stepper cannot show; the message names what. */
export class UnsupportedJoinQuery extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedJoinQuery'
  }
}

/** Leaves (tables, subqueries…) in one query: beyond this the grids stop being a teaching aid. */
export const maxLeaves = 8
export const aggregateNames = new Set(
  'count sum avg min max array_agg string_agg bool_and bool_or every json_agg jsonb_agg json_object_agg jsonb_object_agg xmlagg bit_and bit_or bit_xor stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop covar_samp regr_slope regr_intercept regr_count regr_r2 regr_avgx regr_avgy regr_sxx regr_syy regr_sxy percentile_cont percentile_disc mode rank_agg any_value range_agg range_intersect_agg'.split(' ')
)

export function refuse(what: string): never {
  throw new UnsupportedJoinQuery(`The join stepper does not support ${what}.`)
}

export function checkSelect(select: Ast): void {
  if (select.op && select.op !== 'SETOP_NONE') refuse('UNION / INTERSECT / EXCEPT')
  if (select.valuesLists) refuse('a VALUES list on its own (there is no join)')
  if (select.intoClause) refuse('SELECT INTO')
  if (select.lockingClause) refuse('FOR UPDATE / FOR SHARE')
  if (select.groupClause || select.groupDistinct) refuse('GROUP BY (aggregates over the join)')
  if (select.havingClause) refuse('HAVING (aggregates over the join)')
  if (select.windowClause) refuse('window functions (WINDOW)')
  const outside = (n: Ast) => kindOf(n) === 'SubLink'
  for (const call of findAll([select.targetList, select.sortClause], 'FuncCall', outside)) {
    const f = call.FuncCall as Ast
    if (f.over) refuse('window functions (OVER)')
    const name = names(f.funcname).at(-1) ?? ''
    if (f.agg_star || f.agg_distinct || f.agg_order || f.agg_filter || f.agg_within_group || aggregateNames.has(name)) refuse(`aggregate functions over the join (${name}())`)
  }
  for (const cte of findAll(select.withClause, 'CommonTableExpr')) {
    if (kindOf((cte.CommonTableExpr as Ast).ctequery) !== 'SelectStmt') refuse('data-modifying statements in WITH')
  }
  const from = select.fromClause
  if (findAll(from, 'RangeSubselect').some((n) => (n.RangeSubselect as Ast).lateral) || findAll(from, 'RangeFunction').some((n) => (n.RangeFunction as Ast).lateral)) refuse('LATERAL')
  if (findAll(from, 'RangeFunction').some((n) => findAll((n.RangeFunction as Ast).functions, 'ColumnRef', (x) => kindOf(x) === 'SubLink').length > 0)) {
    refuse('LATERAL (a function in FROM that reads the columns of another FROM item is implicitly LATERAL)')
  }
  if (findAll(from, 'RangeTableSample').length > 0) refuse('TABLESAMPLE in the query')
  if (findAll(from, 'RangeTableFunc').length > 0 || findAll(from, 'JsonTable').length > 0) refuse('XMLTABLE / JSON_TABLE')
}

/** A subquery simple enough to be one side of a semi-join: rows of its FROM, filtered by its WHERE. */
export function simpleSubquery(node: unknown): Ast | null {
  const s = bodyOf(node, 'SelectStmt')
  if (!s || (s.op && s.op !== 'SETOP_NONE') || s.valuesLists || s.groupClause || s.havingClause || s.windowClause || s.withClause) return null
  if (s.limitCount || s.limitOffset || list(s.fromClause).length === 0) return null
  if (findAll(s.targetList, 'FuncCall', (n) => kindOf(n) === 'SubLink').some((c) => aggregateNames.has(names((c.FuncCall as Ast).funcname).at(-1) ?? '') || (c.FuncCall as Ast).over)) return null
  if (findAll(s.fromClause, 'RangeSubselect').some((n) => (n.RangeSubselect as Ast).lateral)) return null
  return s
}

