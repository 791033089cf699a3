/**
 * Statements that change every row of a table: UPDATE or DELETE without WHERE.
 *
 * Read from the real parse tree, so `delete from t -- where id = 1` is caught
 * and `update t set x = 1 where …` in a CTE is not mistaken for one.
 */
import { parseStatements } from './sql-parser'

export interface DangerousStatement {
  kind: 'UPDATE' | 'DELETE'
  relation: string
}

export async function findUnboundedWrites(statement: string): Promise<DangerousStatement[]> {
  const statements = await parseStatements(statement)
  // Not parseable: the server will say why; nothing to confirm.
  if (statements === null) return []
  const found: DangerousStatement[] = []
  for (const { stmt } of statements) visit(stmt, found)
  return found
}

function visit(node: unknown, found: DangerousStatement[]): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const child of node) visit(child, found)
    return
  }
  const record = node as Record<string, unknown>
  for (const [key, kind] of [['UpdateStmt', 'UPDATE'], ['DeleteStmt', 'DELETE']] as const) {
    const stmt = record[key] as { relation?: { relname?: string; schemaname?: string }; whereClause?: unknown } | undefined
    if (stmt && !stmt.whereClause) {
      const rel = stmt.relation
      found.push({ kind, relation: rel?.schemaname ? `${rel.schemaname}.${rel.relname}` : (rel?.relname ?? '?') })
    }
  }
  for (const value of Object.values(record)) visit(value, found)
}
