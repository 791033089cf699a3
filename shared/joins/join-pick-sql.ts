/**
 * A picked join → SQL: a SelectStmt parse tree built from the pick (names as
 * identifiers in the tree, so the deparser quotes them) and printed by
 * pgsql-deparser. `select * from a x <kind> join b y on x.c = y.d …`.
 */
import { columnRef, deparse, starRef, stringNode, target, equals, type Ast } from './join-ast'
import { pickAliases, type JoinPick, type PickJoinKind } from './join-pick'

const joinTypes: Record<PickJoinKind, string> = { INNER: 'JOIN_INNER', LEFT: 'JOIN_LEFT', RIGHT: 'JOIN_RIGHT', FULL: 'JOIN_FULL', CROSS: 'JOIN_INNER' }

export function pickedJoinSql(pick: JoinPick): string {
  const aliases = pickAliases(pick.tables)
  const rangeVar = (i: number): Ast => {
    const t = pick.tables[i]!
    return { RangeVar: { schemaname: t.schema, relname: t.name, inh: true, relpersistence: 'p', alias: { aliasname: aliases[i]! } } }
  }
  let from = rangeVar(0)
  pick.joins.forEach((join, i) => {
    const c = join.condition
    const body: Ast = { jointype: joinTypes[join.kind], larg: from, rarg: rangeVar(i + 1) }
    if (c.type === 'on') body.quals = equals(columnRef(aliases[c.leftTable]!, c.leftColumn), columnRef(aliases[i + 1]!, c.rightColumn))
    if (c.type === 'using') body.usingClause = [stringNode(c.column)]
    from = { JoinExpr: body }
  })
  const select: Ast = { SelectStmt: { targetList: [target(starRef())], fromClause: [from], limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } }
  return deparse(select)
}
