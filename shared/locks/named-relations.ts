/**
 * The relations a statement names, as written: every table reference of the
 * parse tree (FROM, JOIN, the target of INSERT/UPDATE/DELETE/ALTER/CREATE
 * INDEX…) and the objects of a DROP.
 *
 * The lock probe resolves them in the catalog to tell the locks on what the
 * user named from the locks taken elsewhere. A CTE's name is read as a table
 * reference too; it resolves to nothing (or to a table of that name, which the
 * statement then does not touch: a rare, harmless mislabel).
 */
import { statementKind, walkParseTree } from '../sql/parse-tree'
import { dropObjectNames, relationText, type RelationName } from './documented-locks'

const droppedRelationKinds = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE'])

export function namedRelations(stmt: Record<string, unknown> | undefined): RelationName[] {
  const found = new Map<string, RelationName>()
  const add = (relation: RelationName) => found.set(relationText(relation), relation)
  const statement = statementKind(stmt)
  if (statement?.kind === 'DropStmt' && droppedRelationKinds.has(String(statement.node.removeType))) dropObjectNames(statement.node.objects).forEach(add)
  walkParseTree(stmt, (_key, value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return
    const node = value as { relname?: unknown; schemaname?: unknown }
    if (typeof node.relname === 'string') add({ schema: typeof node.schemaname === 'string' ? node.schemaname : null, name: node.relname })
  })
  return [...found.values()]
}
