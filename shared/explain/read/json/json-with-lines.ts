/**
 * A JSON reader that knows which lines each plan node came from.
 *
 * JSON.parse gives neither positions for the values it builds nor a line in its
 * error messages ("Unexpected end of JSON input"), and the raw view needs both:
 * it highlights a node's lines and points at the line where a pasted plan is
 * broken. One pass, no backtracking; line numbers come from a cursor that only
 * moves forward, so counting newlines stays linear in the input.
 */

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

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message)
  }
}

/**
 * Parse `text` as JSON. Objects that own `spanKey` get their first and last
 * line (1-based) recorded in `spans`; `lineOffset` is added to every line.
 */
export function readJsonWithLines(text: string, spanKey = 'Node Type', lineOffset = 0, find: SpanSearch = 'key-first'): JsonReadResult {
  const fast = find === 'by-identity' ? null : readWithNativeParse(text, spanKey, lineOffset, find === 'key-first')
  if (fast) return fast
  const reader = new Reader(text, spanKey, lineOffset)
  try {
    reader.skipSpace()
    const value = reader.value(0)
    reader.skipSpace()
    if (reader.pos < text.length) throw new JsonSyntaxError(`Unexpected ${describe(text, reader.pos)} after the end of the JSON value`, reader.pos)
    const byObject = reader.spans
    const count = reader.spanCount
    return { ok: true, value, spans: { byIndex: false, found: true, count: () => count, of: (object) => byObject.get(object) } }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, line: reader.lineAt(Math.min(error.position, text.length)) }
    throw error
  }
}

const maxDepth = 5000

class Reader {
  pos = 0
  readonly spans = new WeakMap<object, [number, number]>()
  spanCount = 0
  private linePos = 0
  private line = 1
  private nextNewline = -2
  private nextBackslash = -2

  constructor(
    private readonly text: string,
    private readonly spanKey: string,
    private readonly lineOffset: number
  ) {}

  /** 1-based line of `position`; positions asked for only grow (a smaller one rescans from the start). */
  lineAt(position: number): number {
    if (position < this.linePos) {
      this.linePos = 0
      this.line = 1
      this.nextNewline = -2
    }
    const text = this.text
    // The next newline is remembered, so a minified plan on one line is not rescanned per node.
    if (this.nextNewline === -2) this.nextNewline = text.indexOf('\n', this.linePos)
    while (this.nextNewline !== -1 && this.nextNewline < position) {
      this.line++
      this.linePos = this.nextNewline + 1
      this.nextNewline = text.indexOf('\n', this.linePos)
    }
    return this.line + this.lineOffset
  }

  skipSpace(): void {
    const text = this.text
    let pos = this.pos
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++
      else break
    }
    this.pos = pos
  }

  value(depth: number): unknown {
    if (depth > maxDepth) throw new JsonSyntaxError('The JSON is nested too deeply to be a plan', this.pos)
    const text = this.text
    if (this.pos >= text.length) throw new JsonSyntaxError('The JSON ends too early: the plan looks truncated', this.pos)
    const c = text.charCodeAt(this.pos)
    if (c === 123 /* { */) return this.object(depth)
    if (c === 91 /* [ */) return this.array(depth)
    if (c === 34 /* " */) return this.string()
    if (c === 45 || (c >= 48 && c <= 57)) return this.number()
    if (text.startsWith('true', this.pos)) return this.literal(4, true)
    if (text.startsWith('false', this.pos)) return this.literal(5, false)
    if (text.startsWith('null', this.pos)) return this.literal(4, null)
    throw new JsonSyntaxError(`Unexpected ${describe(text, this.pos)} where a JSON value should be`, this.pos)
  }

  private literal<T>(length: number, value: T): T {
    this.pos += length
    return value
  }

  private object(depth: number): Record<string, unknown> {
    const text = this.text
    // Asked now: the line cursor only moves forward, and the children come after this brace.
    const startLine = this.lineAt(this.pos)
    this.pos++
    const result: Record<string, unknown> = {}
    this.skipSpace()
    if (text.charCodeAt(this.pos) === 125 /* } */) {
      this.pos++
      return result
    }
    for (;;) {
      this.skipSpace()
      if (this.pos >= text.length) throw new JsonSyntaxError('The JSON ends too early: the plan looks truncated', this.pos)
      if (text.charCodeAt(this.pos) !== 34) throw new JsonSyntaxError(`Unexpected ${describe(text, this.pos)} where a quoted key should be`, this.pos)
      const key = this.string()
      this.skipSpace()
      if (text.charCodeAt(this.pos) !== 58 /* : */) {
        if (this.pos >= text.length) throw new JsonSyntaxError('The JSON ends too early: the plan looks truncated', this.pos)
        throw new JsonSyntaxError(`Expected ':' after "${key}" but found ${describe(text, this.pos)}`, this.pos)
      }
      this.pos++
      this.skipSpace()
      const value = this.value(depth + 1)
      // A plain assignment would let a key named "__proto__" change the prototype.
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true })
      else result[key] = value
      this.skipSpace()
      const c = text.charCodeAt(this.pos)
      if (c === 44 /* , */) {
        this.pos++
        continue
      }
      if (c === 125 /* } */) {
        this.pos++
        break
      }
      if (this.pos >= text.length) throw new JsonSyntaxError('The JSON ends too early: the plan looks truncated', this.pos)
      throw new JsonSyntaxError(`Expected ',' or '}' but found ${describe(text, this.pos)}`, this.pos)
    }
    if (Object.prototype.hasOwnProperty.call(result, this.spanKey)) {
      this.spans.set(result, [startLine, this.lineAt(this.pos - 1)])
      this.spanCount++
    }
    return result
  }

  private array(depth: number): unknown[] {
    const text = this.text
    this.pos++
    const result: unknown[] = []
    this.skipSpace()
    if (text.charCodeAt(this.pos) === 93 /* ] */) {
      this.pos++
      return result
    }
    for (;;) {
      this.skipSpace()
      result.push(this.value(depth + 1))
      this.skipSpace()
      const c = text.charCodeAt(this.pos)
      if (c === 44) {
        this.pos++
        continue
      }
      if (c === 93) {
        this.pos++
        return result
      }
      if (this.pos >= text.length) throw new JsonSyntaxError('The JSON ends too early: the plan looks truncated', this.pos)
      throw new JsonSyntaxError(`Expected ',' or ']' but found ${describe(text, this.pos)}`, this.pos)
    }
  }

  private string(): string {
    const text = this.text
    const start = this.pos + 1
    let pos = start
    let parts: string[] | null = null
    for (;;) {
      const quote = text.indexOf('"', pos)
      // The next backslash is remembered: most plans have none, and searching to the end for each string is quadratic.
      if (this.nextBackslash !== -1 && this.nextBackslash < pos) this.nextBackslash = text.indexOf('\\', pos)
      const backslash = this.nextBackslash
      if (quote === -1) throw new JsonSyntaxError('A string never ends: the plan looks truncated', this.pos)
      if (backslash === -1 || quote < backslash) {
        const tail = text.slice(pos, quote)
        this.pos = quote + 1
        if (parts) {
          parts.push(tail)
          return parts.join('')
        }
        return tail
      }
      ;(parts ??= []).push(text.slice(pos, backslash))
      const escape = text[backslash + 1]
      switch (escape) {
        case '"': parts.push('"'); break
        case '\\': parts.push('\\'); break
        case '/': parts.push('/'); break
        case 'b': parts.push('\b'); break
        case 'f': parts.push('\f'); break
        case 'n': parts.push('\n'); break
        case 'r': parts.push('\r'); break
        case 't': parts.push('\t'); break
        case 'u': {
          const hex = text.slice(backslash + 2, backslash + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('A \\u escape needs four hex digits', backslash)
          parts.push(String.fromCharCode(Number.parseInt(hex, 16)))
          pos = backslash + 6
          continue
        }
        default:
          if (escape === undefined) throw new JsonSyntaxError('A string never ends: the plan looks truncated', this.pos)
          throw new JsonSyntaxError(`Unknown escape \\${escape} in a string`, backslash)
      }
      pos = backslash + 2
    }
  }

  private number(): number | string {
    const text = this.text
    const start = this.pos
    let pos = start
    for (;;) {
      const c = text.charCodeAt(pos)
      if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69) pos++
      else break
    }
    const literal = text.slice(start, pos)
    const value = Number(literal)
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(literal) || Number.isNaN(value)) {
      throw new JsonSyntaxError(`"${literal}" is not a number`, start)
    }
    this.pos = pos
    // 64-bit identifiers (Query Identifier) keep their digits rather than lose precision.
    if (Number.isInteger(value) && !Number.isSafeInteger(value) && !/[.eE]/.test(literal)) return literal
    return value
  }
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input'
  const c = text[pos]!
  return c.trim() ? `'${c}'` : 'whitespace'
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

/**
 * Lines of the objects holding the key `quotedKey` (in a valid JSON text), in
 * the order they open.
 *
 * A JSON string never spans lines, so every line starts outside a string: only
 * lines with a brace or the key need their strings skipped, and the scan jumps
 * from one such line to the next. A pretty-printed plan is mostly lines like
 * `"Plan Rows": 990,` that it never looks into.
 */
export function spanKeyObjectLines(text: string, quotedKey: string, lineOffset: number, keyFirst: boolean): { firsts: number[]; lasts: number[] } {
  // In opening order: with keyFirst the objects that start with the key, otherwise every object,
  // marked in `owns` when its key turns up (after its children's, if "Plans" comes first).
  const firsts: number[] = []
  const lasts: number[] = []
  const owns: boolean[] = []
  // Per open object: its index in firsts/lasts, or -1.
  const openSlot: number[] = []
  let line = 1 + lineOffset
  let lineStart = 0
  let nextNewline = text.indexOf('\n')
  let nextOpen = text.indexOf('{')
  let nextClose = text.indexOf('}')
  // With keyFirst, the key is looked for only right after each '{' (one search for it is as costly as a scan for braces).
  let nextKey = keyFirst ? -1 : text.indexOf(quotedKey)
  let nextQuote = text.indexOf('"')
  const end = text.length
  for (;;) {
    const open = nextOpen === -1 ? end : nextOpen
    const close = nextClose === -1 ? end : nextClose
    const key = nextKey === -1 ? end : nextKey
    const at = open < close ? (open < key ? open : key) : close < key ? close : key
    if (at === end) break
    while (nextNewline !== -1 && nextNewline < at) {
      line++
      lineStart = nextNewline + 1
      nextNewline = text.indexOf('\n', lineStart)
    }
    // Quotes on the lines skipped over do not matter: this line starts outside a string.
    if (nextQuote !== -1 && nextQuote < lineStart) nextQuote = text.indexOf('"', lineStart)
    if (nextQuote !== -1 && nextQuote <= at) {
      // A string before the brace or key: skip to its closing quote (one not escaped by an odd run of backslashes).
      const quote = nextQuote
      let closing = text.indexOf('"', quote + 1)
      while (closing !== -1 && isEscaped(text, closing)) closing = text.indexOf('"', closing + 1)
      if (closing === -1) break
      if (!keyFirst && quote === nextKey && closing - quote + 1 === quotedKey.length && isFollowedByColon(text, closing + 1)) {
        const slot = openSlot[openSlot.length - 1]
        if (slot !== undefined) owns[slot] = true
      }
      nextQuote = text.indexOf('"', closing + 1)
      if (nextOpen !== -1 && nextOpen < closing) nextOpen = text.indexOf('{', closing + 1)
      if (nextClose !== -1 && nextClose < closing) nextClose = text.indexOf('}', closing + 1)
      if (nextKey !== -1 && nextKey <= closing) nextKey = text.indexOf(quotedKey, closing + 1)
    } else if (at === open) {
      let slot = -1
      if (!keyFirst || opensWith(text, at + 1, quotedKey)) {
        slot = firsts.length
        firsts.push(line)
        lasts.push(0)
      }
      openSlot.push(slot)
      nextOpen = text.indexOf('{', at + 1)
    } else if (at === close) {
      const slot = openSlot.pop()!
      if (slot !== -1) lasts[slot] = line
      nextClose = text.indexOf('}', at + 1)
    } else nextKey = text.indexOf(quotedKey, at + 1)
  }
  if (keyFirst) return { firsts, lasts }
  return { firsts: firsts.filter((_, i) => owns[i]), lasts: lasts.filter((_, i) => owns[i]) }
}

/** Whether the object whose body starts at `from` has `quotedKey` as its first key. */
function opensWith(text: string, from: number, quotedKey: string): boolean {
  let i = from
  for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  return text.startsWith(quotedKey, i) && isFollowedByColon(text, i + quotedKey.length)
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0
  for (let i = quote - 1; text.charCodeAt(i) === 92; i--) backslashes++
  return backslashes % 2 === 1
}

function isFollowedByColon(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 58) return true
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false
  }
  return false
}
