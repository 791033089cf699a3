/**
 * How a block of rows is written in a result spool: cells joined by NUL.
 *
 * PostgreSQL's text output never contains a NUL byte (its output functions
 * return C strings), so NUL separates cells unambiguously and no cell needs
 * escaping: a block is the width and the positions of its NULL cells, then
 * every cell, row after row. Writing one is a single loop and one native
 * join, where JSON.stringify had to scan every character for escapes and was
 * the spool's largest cost (a third of the main process's time on a big
 * result). A block that does not split into exactly rows × width cells is
 * refused as corrupt rather than shifted.
 */
export type SpoolRow = Array<string | null>

const separator = '\u0000'

export function encodeBlock(rows: readonly SpoolRow[]): string {
  const width = rows[0]?.length ?? 0
  const nulls: number[] = []
  // Concatenation builds a rope that the one UTF-8 encoding of the block flattens: no array of cells.
  let cells = ''
  const last = rows.length * width - 1
  let k = 0
  for (const row of rows) {
    for (let c = 0; c < width; c++, k++) {
      const cell = row[c]
      if (cell === null || cell === undefined) nulls.push(k)
      else cells += cell
      if (k < last) cells += separator
    }
  }
  const header = `${width} ${nulls.join(',')}`
  return width === 0 ? header : header + separator + cells
}

export function decodeBlock(text: string, rowCount: number): SpoolRow[] {
  const parts = text.split(separator)
  const header = parts[0]!
  const space = header.indexOf(' ')
  const width = Number(header.slice(0, space))
  const expected = width === 0 ? 1 : 1 + rowCount * width
  if (space < 0 || !Number.isInteger(width) || parts.length !== expected) throw new Error(`A result spool block is damaged (${parts.length - 1} cells for ${rowCount} rows of ${width})`)
  const rows: SpoolRow[] = new Array<SpoolRow>(rowCount)
  for (let r = 0; r < rowCount; r++) rows[r] = parts.slice(1 + r * width, 1 + (r + 1) * width)
  const nulls = header.slice(space + 1)
  if (nulls) for (const k of nulls.split(',')) rows[Math.floor(Number(k) / width)]![Number(k) % width] = null
  return rows
}
