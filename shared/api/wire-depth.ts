/**
 * How deeply a JSON text nests, found without parsing it.
 *
 * JSON.parse of a few megabytes of `[[[[…` blocks the event loop for seconds and
 * costs hundreds of megabytes, so both transports measure the nesting first with
 * one linear pass and refuse the message before parsing. The scan only counts
 * brackets outside strings; it is not a validator (JSON.parse still is).
 */

const quote = 0x22
const backslash = 0x5c
const openBrace = 0x7b
const closeBrace = 0x7d
const openBracket = 0x5b
const closeBracket = 0x5d

/**
 * True when `text` opens more than `limit` arrays/objects inside each other.
 *
 * Stops at the first level over the limit, so a hostile message costs only as
 * much as its first `limit + 1` brackets.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === backslash) i++
      else if (c === quote) inString = false
    } else if (c === quote) {
      inString = true
    } else if (c === openBracket || c === openBrace) {
      if (++depth > limit) return true
    } else if (c === closeBracket || c === closeBrace) {
      depth--
    }
  }
  return false
}
