/**
 * One entry point for a pasted or captured plan: JSON or text, told apart by
 * the first character once client decorations are removed.
 *
 * Never throws: bad input comes back as a message, with the line it is about
 * when there is one, for the editor to show next to the text.
 */
import { cleanPastedPlan } from './clean-pasted-plan'
import { parseJsonPlan } from './parse-json-plan'
import { parseTextPlan } from './parse-text-plan'
import type { ParsePlanResult } from './plan-model'

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\uFEFF') return c
  }
  return undefined
}

export function parsePlan(text: string): ParsePlanResult {
  try {
    if (typeof text !== 'string' || firstNonSpace(text) === undefined) {
      return { ok: false, error: { message: 'The plan is empty: paste the output of EXPLAIN (text or FORMAT JSON)' } }
    }
    const first = firstNonSpace(text)
    if (first === '[' || first === '{') return parseJsonPlan(text.replace(/^\uFEFF/, ''))
    const lines = cleanPastedPlan(text)
    const firstLine = lines.find((line) => line.text.trim() !== '')
    if (!firstLine) return { ok: false, error: { message: 'The plan is empty: only a header or borders were pasted' } }
    const start = firstLine.text.trimStart()[0]
    if (start === '[' || start === '{') {
      return parseJsonPlan(
        lines.map((line) => line.text).join('\n'),
        lines.map((line) => line.first)
      )
    }
    return parseTextPlan(lines)
  } catch (error) {
    return { ok: false, error: { message: `The plan could not be read: ${error instanceof Error ? error.message : String(error)}` } }
  }
}
