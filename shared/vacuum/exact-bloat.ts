/**
 * Exact bloat of one table or index, read on demand with the pgstattuple
 * extension (it scans the whole relation, so never in a poll). The figures
 * are turned into the same "pages beyond what the live data needs at the
 * fillfactor" as the estimates, so the two sit side by side.
 */
import { z } from 'zod'

export const exactBloatKinds = ['table', 'index'] as const
export type ExactBloatKind = (typeof exactBloatKinds)[number]

export const pgstattupleInstall = 'CREATE EXTENSION pgstattuple'

export const exactBloatSchema = z.discriminatedUnion('status', [
  /** Tusk never installs it: the user is told how, and whether the server ships it at all. */
  z.object({ status: z.literal('no-extension'), availableOnServer: z.boolean(), install: z.string() }),
  z.object({
    status: z.literal('measured'),
    kind: z.enum(exactBloatKinds),
    sizeBytes: z.number(),
    bloatBytes: z.number(),
    bloatRatio: z.number(),
    /** Table: dead tuples' bytes and free space. Index: empty and deleted pages' bytes, leaf density. */
    deadBytes: z.number(),
    freeBytes: z.number(),
    avgLeafDensity: z.number().nullable()
  })
])
export type ExactBloat = z.infer<typeof exactBloatSchema>

const pageHeader = 24
const lineItem = 4

/** pgstattuple's row: the pages the live tuples (and their line pointers) fill at the fillfactor, against the table's. */
export function exactTableBloat(row: { tableLen: number; tupleCount: number; tupleLen: number; deadTupleLen: number; freeSpace: number; blockSize: number; fillfactor: number }): ExactBloat {
  const usable = Math.floor(((row.blockSize - pageHeader) * row.fillfactor) / 100)
  const neededPages = Math.max(1, Math.ceil((row.tupleLen + lineItem * row.tupleCount) / usable))
  const bloatBytes = Math.max(0, row.tableLen - neededPages * row.blockSize)
  return { status: 'measured', kind: 'table', sizeBytes: row.tableLen, bloatBytes, bloatRatio: row.tableLen > 0 ? bloatBytes / row.tableLen : 0, deadBytes: row.deadTupleLen, freeBytes: row.freeSpace, avgLeafDensity: null }
}

/** pgstatindex's row: leaf pages packed to the fillfactor would be leafPages × density / fillfactor; the rest of the leaf level (and empty, deleted pages) is bloat. */
export function exactIndexBloat(row: { indexSize: number; leafPages: number; emptyPages: number; deletedPages: number; avgLeafDensity: number; blockSize: number; fillfactor: number }): ExactBloat {
  const density = Number.isFinite(row.avgLeafDensity) ? row.avgLeafDensity : 0
  const neededLeaves = Math.ceil((row.leafPages * density) / row.fillfactor)
  const bloatPages = Math.max(0, row.leafPages + row.emptyPages + row.deletedPages - neededLeaves)
  const bloatBytes = bloatPages * row.blockSize
  return {
    status: 'measured',
    kind: 'index',
    sizeBytes: row.indexSize,
    bloatBytes,
    bloatRatio: row.indexSize > 0 ? bloatBytes / row.indexSize : 0,
    deadBytes: (row.emptyPages + row.deletedPages) * row.blockSize,
    freeBytes: Math.max(0, row.leafPages * row.blockSize * (1 - density / 100)),
    avgLeafDensity: density
  }
}
