/**
 * The tables a statement reads, for completing bare column names.
 *
 * The editor asks on every keystroke, while the statement is half written and
 * PostgreSQL's parser would reject it, so this is a light scan: it knows
 * quoted identifiers, strings and comments (a `;` or `from` inside them means
 * nothing) and reads names as PostgreSQL does: bare ones folded to lower case,
 * quoted ones exactly, with `""` read as one quote.
 */

export interface TableReference {
  /** Null when the name is not qualified. */
  schema: string | null
  name: string
}

type Token = { kind: 'name'; text: string; bare: boolean } | { kind: 'dot' | 'other' }

// Whitespace, comments and strings are skipped; a quoted name may be unfinished while being typed.
const tokenPattern = /\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*(?:'|$)|"((?:[^"]|"")*)(?:"|$)|([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)|(;)|(\.)|[\s\S]/gy

/** The tables named right after FROM or JOIN in the statement around `pos`. */
export function tablesReadAround(sql: string, pos: number): TableReference[] {
  const tokens = statementTokens(sql, pos)
  const tables: TableReference[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind !== 'name' || !token.bare || !/^(from|join)$/i.test(token.text)) continue
    const first = tokens[i + 1]
    if (first?.kind !== 'name') continue
    const second = tokens[i + 2]?.kind === 'dot' ? tokens[i + 3] : undefined
    if (second?.kind === 'name') tables.push({ schema: nameOf(first), name: nameOf(second) })
    else tables.push({ schema: null, name: nameOf(first) })
  }
  return tables
}

function nameOf(token: { text: string; bare: boolean }): string {
  return token.bare ? token.text.toLowerCase() : token.text
}

/** The tokens of the statement the cursor is in: from the last `;` before it to the first after it. */
function statementTokens(sql: string, pos: number): Token[] {
  let tokens: Token[] = []
  tokenPattern.lastIndex = 0
  for (let match = tokenPattern.exec(sql); match; match = tokenPattern.exec(sql)) {
    const [, quoted, bare, semicolon, dot] = match
    if (semicolon !== undefined) {
      if (match.index >= pos) break
      tokens = []
    } else if (quoted !== undefined) tokens.push({ kind: 'name', text: quoted.replace(/""/g, '"'), bare: false })
    else if (bare !== undefined) tokens.push({ kind: 'name', text: bare, bare: true })
    else if (dot !== undefined) tokens.push({ kind: 'dot' })
    else if (match[0].trim() !== '' && !/^(--|\/\*|')/.test(match[0])) tokens.push({ kind: 'other' })
  }
  return tokens
}
