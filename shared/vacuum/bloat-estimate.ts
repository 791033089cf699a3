/**
 * Table bloat from statistics alone: the pages the live rows would fill
 * (row width from pg_stats, tuple header, null bitmap, line pointer,
 * fillfactor) against the pages the table has (pg_class.relpages). No size
 * function, so no lock: the estimate never waits behind an ALTER TABLE.
 * Flagged when pg_stats lacks columns (never analyzed, or hidden from the role).
 */
import { z } from 'zod'

export interface BloatInput {
  reltuples: number
  relpages: number
  blockSize: number
  fillfactor: number
  columns: number
  columnsWithStats: number
  /** Sum over columns of (1 - null_frac) × avg_width. */
  dataWidth: number
  hasNulls: boolean
}

const maxAlign = 8
const align = (value: number, to: number) => Math.ceil(value / to) * to

/** Pages the live rows need, and what is beyond that. */
export function estimateBloat(input: BloatInput): { expectedPages: number; bloatPages: number; bloatRatio: number; statsComplete: boolean } {
  const header = align(23 + (input.hasNulls ? Math.ceil(input.columns / 8) : 0), maxAlign)
  const tuple = header + align(input.dataWidth, maxAlign) + 4
  const usable = Math.floor(((input.blockSize - 24) * input.fillfactor) / 100)
  const perPage = Math.max(1, Math.floor(usable / tuple))
  const rows = Math.max(0, input.reltuples)
  const expectedPages = Math.max(1, Math.ceil(rows / perPage))
  const bloatPages = Math.max(0, input.relpages - expectedPages)
  return { expectedPages, bloatPages, bloatRatio: input.relpages > 0 ? bloatPages / input.relpages : 0, statsComplete: input.columns > 0 && input.columnsWithStats >= input.columns }
}

type Estimate = ReturnType<typeof estimateBloat>

/** The catalog figures both bloat reads select, named as the SQL names them. */
export interface BloatStatsRow {
  reltuples: number
  relpages: number
  block_size: number
  fillfactor: number
  columns: number
  columns_with_stats: number
  data_width: number
  has_nulls: boolean
}

/** One relation's estimate in bytes, by the given estimator (heap or b-tree). */
export function bloatFigures(row: BloatStatsRow, estimate: (input: BloatInput) => Estimate) {
  const result = estimate({
    reltuples: row.reltuples,
    relpages: row.relpages,
    blockSize: row.block_size,
    fillfactor: row.fillfactor,
    columns: row.columns,
    columnsWithStats: row.columns_with_stats,
    dataWidth: row.data_width,
    hasNulls: row.has_nulls
  })
  return {
    sizeBytes: row.relpages * row.block_size,
    expectedBytes: result.expectedPages * row.block_size,
    bloatBytes: result.bloatPages * row.block_size,
    bloatRatio: result.bloatRatio,
    statsComplete: result.statsComplete
  }
}

/** The most bloat first, at most `limit`. */
export const worstBloatFirst = <T extends { bloatBytes: number }>(list: T[], limit: number): T[] => [...list].sort((a, b) => b.bloatBytes - a.bloatBytes).slice(0, limit)

export const tableBloatSchema = z.object({
  schema: z.string(),
  table: z.string(),
  sizeBytes: z.number(),
  expectedBytes: z.number(),
  bloatBytes: z.number(),
  bloatRatio: z.number(),
  /** False: statistics missing (never analyzed) or hidden from this role; the estimate is unreliable. */
  statsComplete: z.boolean()
})
export type TableBloat = z.infer<typeof tableBloatSchema>
