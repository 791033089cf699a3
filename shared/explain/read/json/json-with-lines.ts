/**
 * A JSON reader that knows which lines each plan node came from.
 *
 * JSON.parse gives neither positions for the values it builds nor a line in its
 * error messages ("Unexpected end of JSON input"), and the raw view needs both:
 * it highlights a node's lines and points at the line where a pasted plan is
 * broken. One pass, no backtracking; line numbers come from a cursor that only
 * moves forward, so counting newlines stays linear in the input.
 */
import { describeAt, JsonSyntaxError, JsonReader } from './json-reader'
import { spanKeyObjectLines } from './json-span-lines'

/**
 * First and last line of the objects that own the span key.
 *
 * `of(object, index)`: the lines of `object`, the `index`-th (from 0) object
 * owning the key in text order — which is the pre-order of a walk that meets
 * them through arrays in order. `count()` is how many the text holds, so a
 * walk that met a different number knows the indexes cannot be trusted. The
 * fast path scans the text for lines only when first asked (`found` until then
 * false): a plan shown as a tree needs none.
 */
export interface JsonSpans {
  /** True when spans are told by position (the fast path), false when by object identity. */
  byIndex: boolean
  readonly found: boolean
  count(): number
  of(object: object, index: number): [number, number] | undefined
}

/**
 * How objects owning the span key are found. 'key-first' (fastest): the key
 * opens the object, as in PostgreSQL's output; 'key-anywhere': any position;
 * 'by-identity': the full reader records each object it builds (slow, exact).
 */
export type SpanSearch = 'key-first' | 'key-anywhere' | 'by-identity'

export type JsonReadResult = { ok: true; value: unknown; spans: JsonSpans } | { ok: false; message: string; line: number }


/**
 * Parse `text` as JSON. Objects that own `spanKey` get their first and last
 * line (1-based) recorded in `spans`; `lineOffset` is added to every line.
 */
export function readJsonWithLines(text: string, spanKey = 'Node Type', lineOffset = 0, find: SpanSearch = 'key-first'): JsonReadResult {
  const fast = find === 'by-identity' ? null : readWithNativeParse(text, spanKey, lineOffset, find === 'key-first')
  if (fast) return fast
  const reader = new JsonReader(text, spanKey, lineOffset)
  try {
    reader.skipSpace()
    const value = reader.value(0)
    reader.skipSpace()
    if (reader.pos < text.length) throw new JsonSyntaxError(`Unexpected ${describeAt(text, reader.pos)} after the end of the JSON value`, reader.pos)
    const byObject = reader.spans
    const count = reader.spanCount
    return { ok: true, value, spans: { byIndex: false, found: true, count: () => count, of: (object) => byObject.get(object) } }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, line: reader.lineAt(Math.min(error.position, text.length)) }
    throw error
  }
}

/**
 * The fast path: JSON.parse builds the values (native, ~10× faster than a
 * reader in JS), then one scan of the text finds the first and last line of
 * every object whose key `"<spanKey>":` is written out plainly, in text order.
 * The scan jumps between quotes, braces and newlines with indexOf (native), so
 * long runs of indentation or string content cost next to nothing. Returns
 * null (use the full reader) when the text is not valid JSON, so errors still
 * name their line.
 */
function readWithNativeParse(text: string, spanKey: string, lineOffset: number, keyFirst: boolean): JsonReadResult | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  let lines: { firsts: number[]; lasts: number[] } | null = null
  const scan = () => (lines ??= spanKeyObjectLines(text, `"${spanKey}"`, lineOffset, keyFirst))
  return {
    ok: true,
    value,
    spans: {
      byIndex: true,
      get found() {
        return lines !== null
      },
      count: () => scan().firsts.length,
      of: (_object, index) => {
        const { firsts, lasts } = scan()
        return index < firsts.length ? [firsts[index]!, lasts[index]!] : undefined
      }
    }
  }
}
