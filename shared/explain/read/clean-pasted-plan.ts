/**
 * Undo what terminals, psql and GUI clients do to a plan on its way to the clipboard.
 *
 * A plan arrives as psql printed it (a `QUERY PLAN` header, a `----` rule, a
 * `(12 rows)` footer, table borders, `+` or `↵` marking a cell's newlines),
 * wrapped in double quotes by pgAdmin or DBeaver, or force-wrapped by a narrow
 * terminal. Each step below removes one of these and remembers which input line
 * every remaining line came from, so errors and the raw view still point at the
 * user's own lines. Every step is one pass over the lines.
 */

import { findPastedPlan } from './find-pasted-plan'
import { borderChars, firstNonSpace, isBlank, isHeader, isRowCount, isRule, splitLines, type CleanLine } from './paste-line-kinds'

export { splitLines, type CleanLine } from './paste-line-kinds'

/** Index just past the last character that is not a space. */
function contentEnd(text: string): number {
  let end = text.length
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--
  return end
}

/**
 * Strip the quotes a GUI client put around each line (or around the whole cell).
 *
 * DBeaver and pgAdmin's defaults use double quotes; pgAdmin's "copy with quotes"
 * may be set to single quotes. Either way a quote inside is doubled. A
 * `QUERY PLAN` header may be quoted differently from the lines below it.
 */
function unquote(lines: CleanLine[]): CleanLine[] {
  const content = lines.filter((line) => !isBlank(line.text) && !isHeader(line.text))
  const quote = content[0]?.text.trimStart()[0]
  if (quote !== '"' && quote !== "'") return lines
  const doubled = quote + quote
  const quotedLine = (text: string) => {
    const t = text.trim().replace(/,$/, '')
    return t.length >= 2 && t.startsWith(quote) && t.endsWith(quote)
  }
  if (content.every((line) => quotedLine(line.text))) {
    return lines.map((line) => {
      if (isBlank(line.text) || !quotedLine(line.text)) return line
      const t = line.text.trim().replace(/,$/, '')
      return { ...line, text: t.slice(1, -1).replaceAll(doubled, quote) }
    })
  }
  const last = content[content.length - 1]!
  if (!last.text.trimEnd().replace(/,$/, '').endsWith(quote)) return lines
  // One quoted cell that spans every line.
  return lines.map((line) => {
    let text = line.text
    if (line === content[0]) text = text.replace(/^\s*./, '')
    if (line === last) text = text.trimEnd().replace(/,$/, '').slice(0, -1)
    return { ...line, text: text.replaceAll(doubled, quote) }
  })
}

/** Remove `| … |` / `│ … │` table borders when most lines have them. */
function stripBorders(lines: CleanLine[]): CleanLine[] {
  let bordered = 0
  let content = 0
  for (const line of lines) {
    const start = firstNonSpace(line.text)
    if (start === line.text.length || isRule(line.text)) continue
    content++
    if (borderChars.has(line.text[start]!)) bordered++
  }
  if (content === 0 || bordered * 2 < content) return lines
  return lines.map((line) => {
    let text = line.text
    const start = text.length - text.trimStart().length
    if (borderChars.has(text[start]!)) text = text.slice(start + 1).replace(/^ /, '')
    const trimmed = text.trimEnd()
    if (trimmed.length > 0 && borderChars.has(trimmed[trimmed.length - 1]!)) text = trimmed.slice(0, -1)
    return { ...line, text }
  })
}

/** psql marks newlines inside a cell with `+` (ascii) or `↵` (unicode) at the end of the line. */
function stripContinuationMarks(lines: CleanLine[]): CleanLine[] {
  let marked = 0
  let content = 0
  for (const line of lines) {
    const text = line.text
    const start = firstNonSpace(text)
    if (start === text.length || isRule(text) || isRowCount(text, start) || isHeader(text, start)) continue
    content++
    const last = text[contentEnd(text) - 1]
    if (last === '+' || last === '↵') marked++
  }
  // The last line of a cell has no mark; one mark in a two-line paste still counts.
  if (marked === 0 || marked * 2 < content - 1) return lines
  return lines.map((line) => {
    const t = line.text.trimEnd()
    return t.endsWith('+') || t.endsWith('↵') ? { ...line, text: t.slice(0, -1).trimEnd() } : line
  })
}

/** A `↵` in the middle of a line is a newline that lost its line break on the way. */
function splitInlineNewlines(lines: CleanLine[]): CleanLine[] {
  if (!lines.some((line) => line.text.includes('↵'))) return lines
  const out: CleanLine[] = []
  for (const line of lines) {
    if (!line.text.includes('↵')) {
      out.push(line)
      continue
    }
    for (const piece of line.text.split('↵')) out.push({ ...line, text: piece })
  }
  return out
}

function dropDecorations(lines: CleanLine[]): CleanLine[] {
  const out: CleanLine[] = []
  let seenContent = false
  for (const line of lines) {
    const text = line.text
    const start = firstNonSpace(text)
    if (!seenContent && isHeader(text, start)) continue
    if (isRowCount(text, start) || isRule(text)) continue
    if (start < text.length) seenContent = true
    // Trailing spaces stay: a terminal may have broken a line right after one.
    out.push(line)
  }
  return out
}

/**
 * Lines of a pasted plan with client decorations removed.
 * Text and JSON plans both go through this; wrapped text lines are joined later
 * by the text parser, which knows what a plan line looks like.
 */
export function cleanPastedPlan(input: string): CleanLine[] {
  return readPastedPlan(input).lines
}

/** The cleaned lines of the plan inside a paste, and the EXPLAIN statement typed above it. */
export function readPastedPlan(input: string): { lines: CleanLine[]; query: string | null } {
  const found = findPastedPlan(unquote(splitLines(input)))
  return { lines: cleanLines(found.lines), query: found.query }
}

function cleanLines(found: CleanLine[]): CleanLine[] {
  let lines = stripBorders(found)
  lines = stripContinuationMarks(lines)
  lines = splitInlineNewlines(lines)
  return dropDecorations(lines)
}
