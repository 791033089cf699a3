import { describe, expect, it } from 'vitest'
import { exactIndexBloat, exactTableBloat } from '@shared/vacuum/exact-bloat'
import { estimateIndexBloat } from '@shared/vacuum/index-bloat-estimate'

// An int4 key: 8-byte IndexTupleData + 4 bytes of key, MAXALIGNed to 16, + 4-byte line pointer = 20 bytes.
const intKey = { blockSize: 8192, fillfactor: 90, columns: 1, columnsWithStats: 1, dataWidth: 4, hasNulls: false }

describe('index bloat estimate', () => {
  it('finds no bloat in a fresh int4 index: 366 entries per 90 %-full page, plus the metapage', () => {
    // (8192 - 24 - 16) × 0.9 = 7336.8 usable bytes / 20 = 366 entries.
    expect(estimateIndexBloat({ ...intKey, reltuples: 36_600, relpages: 101 })).toMatchObject({ expectedPages: 101, bloatPages: 0, bloatRatio: 0, statsComplete: true })
  })

  it('sees the pages a mass DELETE left behind as bloat', () => {
    const after = estimateIndexBloat({ ...intKey, reltuples: 3660, relpages: 101 })
    expect(after.expectedPages).toBe(11)
    expect(after.bloatRatio).toBeCloseTo(90 / 101, 5)
  })

  it('counts the null bitmap and a lower fillfactor as room the index is meant to have, not bloat', () => {
    expect(estimateIndexBloat({ ...intKey, hasNulls: true, reltuples: 36_600, relpages: 101 }).expectedPages).toBeGreaterThan(101)
    expect(estimateIndexBloat({ ...intKey, fillfactor: 50, reltuples: 36_600, relpages: 180 }).bloatPages).toBe(0)
  })

  it('flags an index with a column (or expression) without statistics', () => {
    expect(estimateIndexBloat({ ...intKey, columns: 2, reltuples: 100, relpages: 2 }).statsComplete).toBe(false)
  })
})

describe('exact bloat from pgstattuple', () => {
  it('counts a table beyond the pages its live tuples need at the fillfactor', () => {
    // 1,000 live tuples of 40 bytes + line pointers = 44,000 bytes: 6 pages of 8,168; the table has 60.
    const exact = exactTableBloat({ tableLen: 60 * 8192, tupleCount: 1000, tupleLen: 40_000, deadTupleLen: 0, freeSpace: 400_000, blockSize: 8192, fillfactor: 100 })
    expect(exact).toMatchObject({ status: 'measured', kind: 'table', bloatBytes: 54 * 8192, freeBytes: 400_000 })
    expect(exact.status === 'measured' && exact.bloatRatio).toBeCloseTo(0.9, 5)
  })

  it('counts an index leaf level a tenth full as bloat, and an empty index (density NaN) as all bloat', () => {
    const sparse = exactIndexBloat({ indexSize: 101 * 8192, leafPages: 100, emptyPages: 0, deletedPages: 0, avgLeafDensity: 9, blockSize: 8192, fillfactor: 90 })
    expect(sparse).toMatchObject({ bloatBytes: 90 * 8192, avgLeafDensity: 9 })
    const fresh = exactIndexBloat({ indexSize: 101 * 8192, leafPages: 100, emptyPages: 0, deletedPages: 0, avgLeafDensity: 90, blockSize: 8192, fillfactor: 90 })
    expect(fresh).toMatchObject({ bloatBytes: 0 })
    expect(exactIndexBloat({ indexSize: 3 * 8192, leafPages: 0, emptyPages: 1, deletedPages: 1, avgLeafDensity: NaN, blockSize: 8192, fillfactor: 90 })).toMatchObject({ bloatBytes: 2 * 8192, avgLeafDensity: 0 })
  })
})
