/**
 * What EXPLAIN accepts: SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE,
 * DECLARE, CREATE TABLE AS and CREATE MATERIALIZED VIEW.
 *
 * Anything else (VACUUM, CREATE INDEX…) sent as `explain (…) VACUUM t` gets
 * "syntax error at or near VACUUM", which reads as if the statement were
 * wrong; asking first gives the true reason.
 */
import { statementKind } from './parse-tree'
import { parseStatements } from './sql-parser'

const explainable = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'ExecuteStmt', 'DeclareCursorStmt', 'CreateTableAsStmt'])

/** The statement's kind as users say it ("VACUUM", "CREATE INDEX"), when EXPLAIN cannot take it; null when it can (or cannot be parsed). */
export async function unexplainableKind(sql: string): Promise<string | null> {
  const statements = await parseStatements(sql)
  if (!statements || statements.length !== 1) return null
  const statement = statementKind(statements[0]!.stmt)
  if (!statement || explainable.has(statement.kind)) return null
  return kindInWords(statement.kind)
}

/** "IndexStmt" → "INDEX", "VacuumStmt" → "VACUUM", "CreateStmt" → "CREATE". */
function kindInWords(kind: string): string {
  const special: Record<string, string> = { IndexStmt: 'CREATE INDEX', CreateStmt: 'CREATE TABLE', ExplainStmt: 'EXPLAIN' }
  return special[kind] ?? kind.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()
}
