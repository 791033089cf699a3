/**
 * The full JSON reader: slower than JSON.parse, but it knows the line of every
 * object it builds and of every syntax error.
 *
 * Used when JSON.parse fails (so the error names its line) or when spans must
 * be told by object identity. One pass, no backtracking; line numbers come from
 * a cursor that only moves forward, so counting newlines stays linear.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message)
  }
}

const maxDepth = 5000

export class JsonReader {
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
    throw new JsonSyntaxError(`Unexpected ${describeAt(text, this.pos)} where a JSON value should be`, this.pos)
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
      if (text.charCodeAt(this.pos) !== 34) throw new JsonSyntaxError(`Unexpected ${describeAt(text, this.pos)} where a quoted key should be`, this.pos)
      const key = this.string()
      this.skipSpace()
      if (text.charCodeAt(this.pos) !== 58 /* : */) {
        if (this.pos >= text.length) throw new JsonSyntaxError('The JSON ends too early: the plan looks truncated', this.pos)
        throw new JsonSyntaxError(`Expected ':' after "${key}" but found ${describeAt(text, this.pos)}`, this.pos)
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
      throw new JsonSyntaxError(`Expected ',' or '}' but found ${describeAt(text, this.pos)}`, this.pos)
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
      throw new JsonSyntaxError(`Expected ',' or ']' but found ${describeAt(text, this.pos)}`, this.pos)
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

export function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input'
  const c = text[pos]!
  return c.trim() ? `'${c}'` : 'whitespace'
}
