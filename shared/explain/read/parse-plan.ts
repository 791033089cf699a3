/**
 * One entry point for a pasted or captured plan: JSON or text, told apart by
 * the first character once client decorations are removed.
 *
 * Never throws: bad input comes back as a message, with the line it is about
 * when there is one, for the editor to show next to the text.
 */
import { readPastedPlan } from './clean-pasted-plan'
import { parseJsonPlan, type SourceLinesMode } from './json/parse-json-plan'
import { parseTextPlan } from './text/parse-text-plan'
import type { ParsePlanResult } from '../model/plan-model'

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\uFEFF') return c
  }
  return undefined
}

export interface ParsePlanOptions {
  /**
   * 'lazy': a JSON plan's nodes get no `sourceLines` until fillSourceLines is
   * called (scanning a big JSON text for them costs about a third as much as
   * JSON.parse). Text plans always have them.
   */
  sourceLines?: SourceLinesMode
}

export function parsePlan(text: string, options: ParsePlanOptions = {}): ParsePlanResult {
  const lines = options.sourceLines ?? 'eager'
  try {
    if (typeof text !== 'string' || firstNonSpace(text) === undefined) {
      return { ok: false, error: { message: 'The plan is empty: paste the output of EXPLAIN (text or FORMAT JSON)' } }
    }
    const first = firstNonSpace(text)
    // A bare JSON plan (the common case, and the big one) skips the line-by-line reading.
    if ((first === '[' || first === '{') && /[\]}]\s*$/.test(text.slice(-64))) return parseJsonPlan(text.replace(/^\uFEFF/, ''), undefined, lines)
    const { lines: cleaned, query } = readPastedPlan(text.replace(/^\uFEFF/, ''))
    const firstLine = cleaned.find((line) => line.text.trim() !== '')
    if (!firstLine) return { ok: false, error: { message: 'The plan is empty: only a header or borders were pasted' } }
    const start = firstLine.text.trimStart()[0]
    const result =
      start === '[' || start === '{'
        ? parseJsonPlan(
            cleaned.map((line) => line.text).join('\n'),
            cleaned.map((line) => line.first),
            lines
          )
        : parseTextPlan(cleaned)
    if (result.ok && query) result.plan.query = query
    return result
  } catch (error) {
    return { ok: false, error: { message: `The plan could not be read: ${error instanceof Error ? error.message : String(error)}` } }
  }
}
