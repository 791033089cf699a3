/**
 * The plan inside a paste that holds more than the plan.
 *
 * Users copy a whole psql session (prompts, `SET` and `SELECT 1000` replies,
 * `Time: 1.2 ms` lines, the EXPLAIN statement echoed, `(12 rows)`, the next
 * command's output), a SQL script followed by its EXPLAIN's output, or a plan
 * under comment lines. This finds where the plan starts and ends and drops the
 * rest, keeping each line's input line number; the EXPLAIN statement found
 * above the plan becomes the plan's query. One pass over the lines.
 */
import { firstNonSpace, isBlank, isHeader, isRowCount, isRule, type CleanLine } from './paste-line-kinds'

export interface PastedPlan {
  /** The lines of the plan (frame, header and footer included; the cleaner removes those). */
  lines: CleanLine[]
  /** The EXPLAIN statement typed above the plan, when the paste has one. */
  query: string | null
}

/** psql's prompts: `db=# `, `db-# `, `db=*> `, `[pid](pid)user@db=# ` (%/%R%x%#). */
const prompt = /^\S*?[=^!\-*'"$(][*!?]?[#>] ?/
/** psql's `\timing` line, in any language: one word, a colon, milliseconds (`Time: 1.2 ms`, `Temps : 0,305 ms`). */
const timing = /^\p{L}+ ?: ?\d[\d.,]* ms( \(.*\))?\s*$/u
/** A plan node line carries its estimates or its actual figures. */
const nodeFigures = /\((?:cost=|actual )/
/** What may come before a JSON plan's first bracket on its line: spaces, a psql frame, a client's quote. */
const frameChar = new Set([' ', '\t', '|', '│', '║', "'", '"'])

const isComment = (text: string) => /^\s*(#|--)/.test(text)

/** After the plan: psql's next prompt, its timing line, `(N rows)` or the frame's bottom rule. */
function endsPlan(text: string): boolean {
  const start = firstNonSpace(text)
  if (isRowCount(text, start) || isRule(text)) return true
  // Prompts and timing lines start in the first column; plan lines mostly do not (a cheap test first).
  return start === 0 && (timing.test(text) || (prompt.test(text) && !nodeFigures.test(text)))
}

function startsJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '[' || c === '{') return true
    if (!frameChar.has(c)) return false
  }
  return false
}

/** Index of the line that closes the JSON value opening at `from` (brackets outside strings). */
function jsonEnd(lines: CleanLine[], from: number): number {
  let depth = 0
  let inString = false
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!.text
    for (let j = 0; j < text.length; j++) {
      const c = text[j]
      if (inString) {
        if (c === '\\') j++
        else if (c === '"') inString = false
      } else if (c === '"') inString = true
      else if (c === '[' || c === '{') depth++
      else if (c === ']' || c === '}') {
        depth--
        if (depth === 0) return i
      }
    }
    // A string never spans lines in EXPLAIN's JSON; a quote left open is a frame's or a client's.
    inString = false
  }
  return lines.length - 1
}

/** Where the plan starts: its `QUERY PLAN` header (and the frame above it), or its first node or bracket. */
function planStart(lines: CleanLine[]): { start: number; content: number } | null {
  let firstNode = -1
  let firstJson = -1
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text
    if (isHeader(text)) {
      const start = i > 0 && isRule(lines[i - 1]!.text) ? i - 1 : i
      let content = i + 1
      while (content < lines.length && (isRule(lines[content]!.text) || isBlank(lines[content]!.text))) content++
      return { start, content }
    }
    if (nodeFigures.test(text)) {
      firstNode = i
      break
    }
    if (startsJson(text) && !prompt.test(text)) {
      firstJson = i
      break
    }
  }
  if (firstNode !== -1 && (firstJson === -1 || firstNode < firstJson)) {
    const start = wrappedStart(lines, firstNode)
    return { start, content: start }
  }
  return firstJson === -1 ? null : { start: firstJson, content: firstJson }
}

/** psql's reply to a command: `SET`, `SELECT 1000`, `CREATE TABLE`, `Timing is on.`. */
const commandReply = /^([A-Z]+( [A-Z]+)*( \d+)*|[A-Z][^:]*\.)$/

/**
 * The first line of the node line at `at`: a terminal may have wrapped the root
 * line so its figures landed on a later line. Lines above it belong to the plan
 * unless they end a statement, are blank, a comment or psql's own output.
 */
function wrappedStart(lines: CleanLine[], at: number): number {
  let start = at
  while (start > 0) {
    const text = lines[start - 1]!.text
    if (isBlank(text) || isComment(text) || endsPlan(text) || commandReply.test(text.trim()) || text.trimEnd().endsWith(';') || /^\s*explain\b/i.test(text)) break
    start--
  }
  return start
}

/** The last EXPLAIN statement in the lines above the plan (typed, or noted as `# explain …`), without prompts. */
function explainStatement(above: CleanLine[]): string | null {
  const texts = above.map((line) => line.text.replace(prompt, ''))
  let from = -1
  for (let i = texts.length - 1; i >= 0 && from === -1; i--) if (/^\s*(#\s*)?explain\b/i.test(texts[i]!)) from = i
  if (from === -1) return null
  const statement: string[] = []
  for (let i = from; i < texts.length; i++) {
    const text = texts[i]!
    if (endsPlan(text) && i > from) break
    statement.push(text)
    if (text.trimEnd().endsWith(';')) break
  }
  return statement.join('\n').trim() || null
}

export function findPastedPlan(lines: CleanLine[]): PastedPlan {
  const found = planStart(lines)
  // No header, node line or bracket: a plan without figures (COSTS OFF); only leading comments go.
  if (!found) {
    let start = 0
    while (start < lines.length && (isBlank(lines[start]!.text) || isComment(lines[start]!.text))) start++
    return { lines: start === 0 ? lines : lines.slice(start), query: null }
  }
  const { start, content } = found
  let end = lines.length
  if (content < lines.length) {
    if (startsJson(lines[content]!.text)) end = jsonEnd(lines, content) + 1
    else {
      end = content + 1
      while (end < lines.length && !endsPlan(lines[end]!.text)) end++
    }
  }
  const query = start > 0 ? explainStatement(lines.slice(0, start)) : null
  return { lines: start === 0 && end === lines.length ? lines : lines.slice(start, end), query }
}
