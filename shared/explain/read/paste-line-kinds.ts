/**
 * What a line of a paste is: blank, a table rule, psql's `(N rows)`, the
 * `QUERY PLAN` header. Shared by the finder (find-pasted-plan.ts) and the
 * cleaner (clean-pasted-plan.ts).
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

export function firstNonSpace(text: string): number {
  let i = 0
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  return i
}

export const isBlank = (text: string) => firstNonSpace(text) === text.length
/** ASCII rule characters and every box-drawing character (U+2500–U+257F: single, double and mixed frames). */
const isRuleChar = (c: string) => c === '-' || c === '+' || c === '=' || c === '|' || c === ' ' || c === '\t' || (c >= '\u2500' && c <= '\u257f')
export const borderChars = new Set(['|', '│', '║'])

/** A table rule such as `-----------`, `+------+`, `├──────┤` or `╟──────╢`. */
export function isRule(text: string): boolean {
  const start = firstNonSpace(text)
  // Fast exit for plan lines: "->" and letters cannot start a rule.
  const first = text[start]
  if (first === undefined || !isRuleChar(first) || (first === '-' && text[start + 1] === '>')) return false
  let dashes = 0
  for (let i = start; i < text.length; i++) {
    const c = text[i]!
    if (!isRuleChar(c)) return false
    if (c === '-' || c === '─' || c === '━' || c === '=' || c === '═') dashes++
  }
  return dashes >= 3
}

export function isRowCount(text: string, start = firstNonSpace(text)): boolean {
  return text.charCodeAt(start) === 40 /* ( */ && /^\(\d+ rows?\)$/.test(text.trim())
}

const headerStarts = new Set(['Q', 'q', '"', "'", '|', '│', '║'])

export function isHeader(text: string, start = firstNonSpace(text)): boolean {
  // Cheap checks first: plan lines are long and do not start like a header.
  if (!headerStarts.has(text[start] ?? '') || text.length - start > 200) return false
  const t = text.trim()
  return t.replace(/^["'|│║]\s*|\s*["'|│║]$/g, '').trim().toUpperCase() === 'QUERY PLAN'
}

