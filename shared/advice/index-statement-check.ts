/**
 * A statement the advice may run must be exactly one CREATE INDEX: checked
 * with PostgreSQL's parser before verify or apply sends it, whatever the
 * caller passed in.
 */
import { parseStatements } from '../sql/sql-parser'

/** True when `sql` is one CREATE INDEX statement, CONCURRENTLY or not as asked. */
export async function isCreateIndex(sql: string, concurrently: boolean): Promise<boolean> {
  const statements = await parseStatements(sql)
  if (!statements || statements.length !== 1) return false
  const index = statements[0]!.stmt?.['IndexStmt'] as { concurrent?: boolean } | undefined
  return index !== undefined && (index.concurrent === true) === concurrently
}
