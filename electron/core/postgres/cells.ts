/**
 * How result values leave node-postgres: as the server's text, or as JSON-safe cells.
 *
 * Cells keep the server's own text for everything but booleans and small
 * numbers: numeric and bigint stay exact, timestamps keep their microseconds
 * and offset, bytea is `\x…` hex, json is its JSON text.
 */
import type { Cell } from '@shared/query/query-result'

/** Type parsers that leave every value as PostgreSQL printed it (exact numerics, the session's timestamp format). */
export const serverText = { getTypeParser: () => (value: string) => value }

/** Parsed to JS: bool, int2, int4, oid, float4, float8. Everything else stays the server's text. */
const parsedTypes = new Map<number, (text: string) => Cell>([
  [16, (text) => text === 't'],
  [21, Number],
  [23, Number],
  [26, Number],
  [700, floatCell],
  [701, floatCell]
])

/** Type parsers giving cells: small numbers and booleans parsed, the rest the server's text. */
export const cellTypes = { getTypeParser: (oid: number) => parsedTypes.get(oid) ?? ((text: string) => text) }

function floatCell(text: string): Cell {
  const value = Number(text)
  // NaN and ±Infinity are not JSON: keep PostgreSQL's spelling.
  return Number.isFinite(value) ? value : text
}

/** pg values → JSON-safe cells: dates as ISO text, bytea as \x hex, json as text. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString()
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`
  return JSON.stringify(value)
}
