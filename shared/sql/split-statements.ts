/**
 * Split a script into statements with the real PostgreSQL parser.
 *
 * libpg-query (PostgreSQL's own parser, compiled to WebAssembly) knows strings,
 * dollar quotes, comments and `BEGIN ATOMIC … END` bodies. A script with a syntax
 * error cannot be parsed whole, so then the scanner splits at top-level
 * semicolons and the server reports the error, with its position, when that
 * statement runs. Offsets returned are string indexes, not the parser's bytes.
 */
import { parseSync, scanSync } from 'libpg-query'
import { loadSqlParser } from './sql-parser'

export interface SqlStatement {
  /** The statement's text, trimmed, without the trailing semicolon. */
  text: string
  /** String index of its first character in the script. */
  start: number
  /** String index just past its last character. */
  end: number
}

export async function splitStatements(script: string): Promise<SqlStatement[]> {
  await loadSqlParser()
  return splitStatementsSync(script)
}

export function splitStatementsSync(script: string): SqlStatement[] {
  const toIndex = byteToIndex(script)
  let spans: Array<[number, number]>
  try {
    const parsed = parseSync(script) as { stmts?: Array<{ stmt_location?: number; stmt_len?: number }> }
    const bytes = new TextEncoder().encode(script).length
    spans = (parsed.stmts ?? []).map((s) => {
      const start = s.stmt_location ?? 0
      return [toIndex(start), toIndex(s.stmt_len ? start + s.stmt_len : bytes)]
    })
  } catch {
    spans = scannerSpans(script, toIndex)
  }
  return spans.map(([start, end]) => trimmed(script, start, end)).filter((s): s is SqlStatement => s !== null)
}

/** The statement containing (or just before) a cursor position, as editors pick "the current statement". */
export function statementAt(statements: SqlStatement[], cursor: number): SqlStatement | null {
  let best: SqlStatement | null = null
  for (const statement of statements) {
    if (statement.start <= cursor) best = statement
    if (cursor <= statement.end) return cursor >= statement.start ? statement : (best ?? statement)
  }
  return best
}

function scannerSpans(script: string, toIndex: (byte: number) => number): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  let start = 0
  let tokens: Array<{ start: number; end: number; text: string }>
  try {
    tokens = scanSync(script).tokens
  } catch {
    return [[0, script.length]]
  }
  for (const token of tokens) {
    if (token.text === ';') {
      spans.push([start, toIndex(token.start)])
      start = toIndex(token.end)
    }
  }
  spans.push([start, script.length])
  return spans
}

/** Trim whitespace, comments-only remainders and a trailing semicolon. */
function trimmed(script: string, start: number, end: number): SqlStatement | null {
  let s = start
  let e = end
  while (s < e && /\s/.test(script[s]!)) s++
  while (e > s && (/\s/.test(script[e - 1]!) || script[e - 1] === ';')) e--
  if (s >= e) return null
  const text = script.slice(s, e)
  if (/^(\s*(--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/))*\s*$/.test(text)) return null
  return { text, start: s, end: e }
}

/** Map UTF-8 byte offsets (what the parser reports) to string indexes. */
function byteToIndex(script: string): (byte: number) => number {
  if (!/[^\x00-\x7f]/.test(script)) return (byte) => byte
  const table: number[] = []
  let byte = 0
  for (let i = 0; i < script.length; i++) {
    const code = script.codePointAt(i)!
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    for (let b = 0; b < width; b++) table[byte + b] = i
    byte += width
    if (code >= 0x10000) i++
  }
  table[byte] = script.length
  return (offset) => table[Math.min(offset, byte)] ?? script.length
}
