/**
 * PostgreSQL's own parser (libpg-query, WebAssembly), loaded once.
 *
 * Everything in shared/sql that reads a parse tree starts the same way: load
 * the module, parse, and treat a statement PostgreSQL would reject as "no
 * tree" (the server says why when it runs). That prologue lives here.
 */
import { loadModule, parseSync } from 'libpg-query'

let ready: Promise<void> | null = null

/** Load the parser's WebAssembly once. */
export function loadSqlParser(): Promise<void> {
  return (ready ??= loadModule())
}

/** One parsed statement: its node, keyed by its kind ("SelectStmt", "UpdateStmt"…). */
export interface ParsedStatement {
  stmt?: Record<string, unknown>
}

/** The statements of `sql` as PostgreSQL parses them, or null when it cannot be parsed. */
export async function parseStatements(sql: string): Promise<ParsedStatement[] | null> {
  await loadSqlParser()
  let tree: { stmts?: ParsedStatement[] }
  try {
    tree = parseSync(sql)
  } catch {
    return null
  }
  return tree.stmts ?? []
}

/**
 * The statements of each text, parsed one text at a time: one statement the
 * parser rejects does not hide the others (a script the parser cannot read
 * whole is split by a scanner and still runs statement by statement).
 */
export async function parseEach(texts: string | string[]): Promise<ParsedStatement[]> {
  const parsed = await Promise.all((typeof texts === 'string' ? [texts] : texts).map((text) => parseStatements(text)))
  return parsed.flatMap((statements) => statements ?? [])
}
