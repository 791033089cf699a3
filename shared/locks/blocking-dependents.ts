/**
 * "cannot alter type of a column used by a view or rule", said so a user can act.
 *
 * PostgreSQL refuses ALTER TABLE … ALTER COLUMN … TYPE while a view (or a
 * rule) uses the column: the view's stored query was analysed against the old
 * type. The server names one view in its DETAIL, in the server's language;
 * the probe asks the catalog instead (pg_depend) for every view using the
 * columns the statement changes, and this module says what that means.
 * The manual: sql-altertable.html ("ALTER COLUMN … SET DATA TYPE") and
 * sql-createview.html.
 */
import { statementKind } from '../sql/parse-tree'
import type { RelationName } from './documented-locks'
import type { BlockingDependents } from './statement-locks'

/** SQLSTATE of the refusal: feature_not_supported. */
export const alterTypeRefusedState = '0A000'

/** The table and the columns whose type an ALTER TABLE changes, or null when it changes none. */
export function alteredColumnTypes(stmt: Record<string, unknown> | undefined): { table: RelationName; columns: string[] } | null {
  const statement = statementKind(stmt)
  if (statement?.kind !== 'AlterTableStmt') return null
  const relation = statement.node.relation as { schemaname?: string; relname?: string } | undefined
  if (!relation?.relname) return null
  const commands = Array.isArray(statement.node.cmds) ? statement.node.cmds : []
  const columns = commands
    .map((c) => (c as { AlterTableCmd?: { subtype?: string; name?: string } }).AlterTableCmd)
    .filter((c) => c?.subtype === 'AT_AlterColumnType' && typeof c.name === 'string')
    .map((c) => c!.name!)
  return columns.length > 0 ? { table: { schema: relation.schemaname ?? null, name: relation.relname }, columns } : null
}

/** What the refusal means and what to do, one sentence a line. */
export function dependentsExplanation(found: BlockingDependents): { headline: string; lines: string[] } {
  const names = found.dependents.map((d) => `${d.kind} ${d.name}`)
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
  const columns = [...new Set(found.dependents.map((d) => `${found.table}.${d.column}`))].join(', ')
  const views = found.dependents.filter((d) => d.kind !== 'rule')
  const drop = views.map((d) => `DROP ${d.kind === 'materialized view' ? 'MATERIALIZED VIEW' : 'VIEW'} ${d.name};`).join(' ')
  return {
    headline: `The ${list} ${found.dependents.length === 1 ? 'uses' : 'use'} ${columns}: PostgreSQL cannot change the type of a column that a view uses.`,
    lines: [
      "A view's query is stored already analysed against the column's type, so the server refuses the ALTER rather than leave the view reading a type it was not written for. Nothing was changed.",
      views.length > 0
        ? `To change the type: in one transaction, ${drop} then the ALTER TABLE, then CREATE the view again from its definition (SELECT pg_get_viewdef('${views[0]!.name}') shows it). Views built on ${views.length === 1 ? 'that view' : 'those views'} must go and come back too.`
        : 'To change the type, the rule must be dropped first and created again after.',
      `A refused statement holds no lock afterwards (its locks go with the failed transaction), so none are listed. Accepted, the ALTER would hold ACCESS EXCLUSIVE on ${found.table} until its transaction ends: every query on it, even a plain SELECT, waits meanwhile — for the whole table rewrite when the new type needs one.`
    ]
  }
}
