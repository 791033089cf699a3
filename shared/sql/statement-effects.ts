/**
 * Does a statement write? Read from PostgreSQL's own parse tree.
 *
 * 'writes'    INSERT / UPDATE / DELETE / MERGE / DDL / anything not a plain query;
 * 'may-write' a query that calls functions (a function can write) or locks rows;
 * 'reads'     a plain SELECT / VALUES / TABLE without either.
 * EXPLAIN ANALYZE runs every statement inside BEGIN … ROLLBACK regardless; this
 * only decides what the UI tells the user.
 */
import { parseSync } from 'libpg-query'
import { loadSqlParser } from './split-statements'

export type StatementEffect = 'reads' | 'may-write' | 'writes'

export async function statementEffect(statement: string): Promise<StatementEffect> {
  await loadSqlParser()
  let tree: { stmts?: Array<{ stmt?: Record<string, unknown> }> }
  try {
    tree = parseSync(statement)
  } catch {
    return 'may-write'
  }
  let effect: StatementEffect = 'reads'
  for (const { stmt } of tree.stmts ?? []) {
    const kind = stmt ? Object.keys(stmt)[0] : undefined
    if (kind !== 'SelectStmt') return 'writes'
    if (contains(stmt, (key) => key === 'InsertStmt' || key === 'UpdateStmt' || key === 'DeleteStmt' || key === 'MergeStmt')) return 'writes'
    if (contains(stmt, (key, value) => key === 'FuncCall' || (key === 'lockingClause' && Array.isArray(value) && value.length > 0) || key === 'intoClause')) effect = 'may-write'
  }
  return effect
}

function contains(node: unknown, test: (key: string, value: unknown) => boolean): boolean {
  if (!node || typeof node !== 'object') return false
  if (Array.isArray(node)) return node.some((child) => contains(child, test))
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (test(key, value) || contains(value, test)) return true
  }
  return false
}
