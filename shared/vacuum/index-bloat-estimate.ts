/**
 * B-tree index bloat from statistics alone, the way the well-known catalog
 * estimate does it: each leaf tuple is an 8-byte IndexTupleData (plus a
 * 4-byte null bitmap when a column has nulls), the key columns' average
 * width from pg_stats, MAXALIGNed, and a 4-byte line pointer; a page keeps
 * 24 bytes of header and 16 of b-tree special space, filled to the index's
 * fillfactor (90 by default); one more page is the metapage. What the index
 * has beyond that is bloat. Deduplication (PG 13+) packs repeated keys
 * tighter than this, so on duplicate-heavy indexes the bloat is understated,
 * never invented.
 */
import { z } from 'zod'
import type { BloatInput } from './bloat-estimate'

/**
 * The table estimate's input, read for an index: fillfactor is the index's
 * (90 when unset, the b-tree default), columns are key and INCLUDE columns
 * (both sit in a leaf tuple), widths those of the indexed columns.
 */
export type IndexBloatInput = BloatInput

const maxAlign = 8
const pageHeader = 24
const btreeSpecial = 16
const lineItem = 4
const align = (value: number, to: number) => Math.ceil(value / to) * to

/** Pages the live index entries need at the fillfactor (metapage included), and what is beyond that. */
export function estimateIndexBloat(input: IndexBloatInput): { expectedPages: number; bloatPages: number; bloatRatio: number; statsComplete: boolean } {
  const header = align(8 + (input.hasNulls ? 4 : 0), maxAlign)
  const tuple = header + align(input.dataWidth, maxAlign) + lineItem
  const usable = ((input.blockSize - pageHeader - btreeSpecial) * input.fillfactor) / 100
  const perPage = Math.max(1, Math.floor(usable / tuple))
  const expectedPages = 1 + Math.ceil(Math.max(0, input.reltuples) / perPage)
  const bloatPages = Math.max(0, input.relpages - expectedPages)
  return {
    expectedPages,
    bloatPages,
    bloatRatio: input.relpages > 0 ? bloatPages / input.relpages : 0,
    statsComplete: input.columns > 0 && input.columnsWithStats >= input.columns
  }
}

export const indexBloatSchema = z.object({
  schema: z.string(),
  table: z.string(),
  index: z.string(),
  sizeBytes: z.number(),
  expectedBytes: z.number(),
  bloatBytes: z.number(),
  bloatRatio: z.number(),
  /** False: a column (or expression) of the index has no statistics, or they are hidden from this role. */
  statsComplete: z.boolean()
})
export type IndexBloat = z.infer<typeof indexBloatSchema>
