/**
 * The fast path's second half: after JSON.parse has built the values, one
 * scan of the text finds the lines of every object holding the span key.
 */

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
