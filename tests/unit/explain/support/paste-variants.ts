/**
 * What clients do to a plan on its way to the clipboard, reproduced from a
 * plan's raw lines: psql's aligned and unaligned output, table borders, the
 * quotes of GUI clients, a terminal that wraps long lines.
 */

const rows = (plan: string) => plan.replace(/\n$/, '').split('\n')
const footer = (count: number) => `(${count} ${count === 1 ? 'row' : 'rows'})`

/** psql's default: a centred header, a rule, one space of padding, lines padded to the widest. */
export function psqlAligned(plan: string): string {
  const lines = rows(plan)
  const width = Math.max('QUERY PLAN'.length, ...lines.map((line) => line.length))
  const left = Math.floor((width - 'QUERY PLAN'.length) / 2)
  const header = ' ' + ' '.repeat(left) + 'QUERY PLAN' + ' '.repeat(width - 'QUERY PLAN'.length - left) + ' '
  return [header, '-'.repeat(width + 2), ...lines.map((line) => ' ' + line.padEnd(width) + ' '), footer(lines.length), ''].join('\n')
}

/** `\pset format unaligned`: the header, the lines as they are, the footer. */
export function psqlUnaligned(plan: string): string {
  const lines = rows(plan)
  return ['QUERY PLAN', ...lines, footer(lines.length)].join('\n')
}

/** `\pset border 2` with ascii or unicode lines. */
export function psqlBordered(plan: string, style: 'ascii' | 'unicode'): string {
  const lines = rows(plan)
  const width = Math.max('QUERY PLAN'.length, ...lines.map((line) => line.length))
  const [v, h, tl, tr, ml, mr, bl, br] = style === 'ascii' ? ['|', '-', '+', '+', '+', '+', '+', '+'] : ['│', '─', '┌', '┐', '├', '┤', '└', '┘']
  const rule = (l: string, r: string) => l + h.repeat(width + 2) + r
  return [
    rule(tl, tr),
    `${v} ${'QUERY PLAN'.padEnd(width)} ${v}`,
    rule(ml, mr),
    ...lines.map((line) => `${v} ${line.padEnd(width)} ${v}`),
    rule(bl, br),
    footer(lines.length),
    ''
  ].join('\n')
}

/** The whole plan as one cell of an aligned result: psql marks each newline with `+` (ascii) or `↵` (unicode). */
export function psqlSingleCell(plan: string, mark: '+' | '↵'): string {
  const lines = rows(plan)
  const width = Math.max(...lines.map((line) => line.length))
  const body = lines.map((line, i) => ' ' + line.padEnd(width) + (i < lines.length - 1 ? mark : ' '))
  return [' QUERY PLAN', '-'.repeat(width + 2), ...body, '(1 row)', ''].join('\n')
}

/** pgAdmin / DBeaver copying rows: each line in double quotes, inner quotes doubled. */
export function quotedLines(plan: string): string {
  return ['"QUERY PLAN"', ...rows(plan).map((line) => `"${line.replaceAll('"', '""')}"`)].join('\r\n')
}

/** One quoted cell holding every line. */
export function quotedCell(plan: string): string {
  return `"${rows(plan).join('\n').replaceAll('"', '""')}"`
}

/** A terminal of `columns` columns that breaks long lines with hard newlines. */
export function terminalWrapped(text: string, columns: number): string {
  const out: string[] = []
  for (const line of text.split('\n')) {
    if (line.length <= columns) {
      out.push(line)
      continue
    }
    for (let i = 0; i < line.length; i += columns) out.push(line.slice(i, i + columns))
  }
  return out.join('\n')
}
