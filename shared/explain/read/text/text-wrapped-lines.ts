/**
 * The text format's lines as EXPLAIN printed them, before a terminal wrapped them.
 *
 * A narrow terminal breaks a long plan line into pieces; the pieces are found
 * (a line that cannot start a plan line) and joined back, so the parser sees
 * one line per node, detail or footer.
 */
import type { CleanLine } from '../clean-pasted-plan'

/** Columns of leading spaces and tabs. */
export function indentOf(text: string): number {
  let i = 0
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  return i
}

const keyChar = /[A-Za-z0-9 /_().'-]/

/** Whether `text` from `start` can start a plan line; anything else is the tail of a line a terminal wrapped. */
function startsPlanLine(text: string, start: number): boolean {
  if (text.startsWith('->', start)) return true
  for (const word of ['InitPlan', 'SubPlan', 'CTE ', 'Trigger ']) if (text.startsWith(word, start)) return true
  const first = text.charCodeAt(start)
  if (!(first >= 65 && first <= 90)) return false
  const limit = Math.min(text.length, start + 64)
  for (let i = start + 1; i < limit; i++) {
    const c = text[i]!
    if (c === ':') return i + 1 === text.length || text[i + 1] === ' '
    if (!keyChar.test(c)) return false
  }
  return false
}

const footerStarts = ['Planning', 'Execution', 'Settings:', 'Trigger', 'JIT:', 'Query Identifier:', 'Serialization:', 'Total runtime:']

/**
 * Join the pieces of lines a narrow terminal wrapped back into one line each.
 *
 * A piece is a line that cannot start a plan line: no "->", no "Key:", or, at
 * the root's indentation, nothing a footer starts with (terminals put pieces
 * at column 0, where only the root and the footers live).
 */
export function joinWrapped(lines: CleanLine[]): CleanLine[] {
  const out: CleanLine[] = []
  let previousBlank = true
  let baseCol = -1
  // Pieces are collected per line and joined once, so a line broken many times is not rebuilt each time.
  let pieces: string[] | null = null
  const flush = () => {
    const last = out[out.length - 1]
    if (last) last.text = (pieces ? pieces.join('') : last.text).trimEnd()
    pieces = null
  }
  for (const line of lines) {
    const text = line.text
    const col = indentOf(text)
    if (col === text.length) {
      flush()
      previousBlank = true
      continue
    }
    const piece =
      baseCol !== -1 &&
      !previousBlank &&
      (!startsPlanLine(text, col) || (col <= baseCol && !footerStarts.some((start) => text.startsWith(start, col))))
    if (piece) {
      const last = out[out.length - 1]!
      pieces ??= [last.text]
      pieces.push(text)
      last.last = line.last
      continue
    }
    flush()
    if (baseCol === -1) baseCol = col
    // The lines are ours (fresh from the cleaner or handed over by parsePlan): updated in place.
    out.push(line)
    previousBlank = false
  }
  flush()
  return out
}
