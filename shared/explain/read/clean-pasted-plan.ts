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

export interface CleanLine {
  text: string
  /** 1-based input lines this line was read from (more than one when a wrapped line was joined). */
  first: number
  last: number
}

export function splitLines(input: string): CleanLine[] {
  const raw = input.split('\n')
  const lines: CleanLine[] = new Array(raw.length)
  for (let i = 0; i < raw.length; i++) {
    let text = raw[i]!
    if (text.endsWith('\r')) text = text.slice(0, -1)
    lines[i] = { text, first: i + 1, last: i + 1 }
  }
  return lines
}

function firstNonSpace(text: string): number {
  let i = 0
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  return i
}

const isBlank = (text: string) => firstNonSpace(text) === text.length
const ruleChars = new Set('-+=─━┼├┤┌┐└┘┬┴╞╡╪═║│|╔╗╚╝╠╣╦╩╬ \t'.split(''))
const borderChars = new Set(['|', '│', '║'])

/** A table rule such as `-----------`, `+------+` or `├──────┤`. */
function isRule(text: string): boolean {
  const start = firstNonSpace(text)
  // Fast exit for plan lines: "->" and letters cannot start a rule.
  const first = text[start]
  if (first === undefined || !ruleChars.has(first) || (first === '-' && text[start + 1] === '>')) return false
  let dashes = 0
  for (let i = start; i < text.length; i++) {
    const c = text[i]!
    if (!ruleChars.has(c)) return false
    if (c === '-' || c === '─' || c === '━' || c === '=' || c === '═') dashes++
  }
  return dashes >= 3
}

function isRowCount(text: string, start = firstNonSpace(text)): boolean {
  return text.charCodeAt(start) === 40 /* ( */ && /^\(\d+ rows?\)$/.test(text.trim())
}

const headerStarts = new Set(['Q', 'q', '"', '|', '│', '║'])

function isHeader(text: string, start = firstNonSpace(text)): boolean {
  // Cheap checks first: plan lines are long and do not start like a header.
  if (!headerStarts.has(text[start] ?? '') || text.length - start > 200) return false
  const t = text.trim()
  return t.replace(/^["|│║]\s*|\s*["|│║]$/g, '').trim().toUpperCase() === 'QUERY PLAN'
}

/** Index just past the last character that is not a space. */
function contentEnd(text: string): number {
  let end = text.length
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--
  return end
}

/** Strip double quotes a GUI client put around each line (or around the whole cell). */
function unquote(lines: CleanLine[]): CleanLine[] {
  const content = lines.filter((line) => !isBlank(line.text))
  if (content.length === 0 || !content[0]!.text.trimStart().startsWith('"')) return lines
  const quotedLine = (text: string) => {
    const t = text.trim().replace(/,$/, '')
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"')
  }
  if (content.every((line) => quotedLine(line.text))) {
    return lines.map((line) => {
      if (isBlank(line.text)) return line
      const t = line.text.trim().replace(/,$/, '')
      return { ...line, text: t.slice(1, -1).replaceAll('""', '"') }
    })
  }
  const last = content[content.length - 1]!
  if (!last.text.trimEnd().replace(/,$/, '').endsWith('"')) return lines
  // One quoted cell that spans every line.
  return lines.map((line) => {
    let text = line.text
    if (line === content[0]) text = text.replace(/^\s*"/, '')
    if (line === last) text = text.trimEnd().replace(/,$/, '').replace(/"$/, '')
    return { ...line, text: text.replaceAll('""', '"') }
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
  let lines = splitLines(input)
  lines = unquote(lines)
  lines = stripBorders(lines)
  lines = stripContinuationMarks(lines)
  lines = splitInlineNewlines(lines)
  return dropDecorations(lines)
}
