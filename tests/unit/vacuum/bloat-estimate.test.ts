import { describe, expect, it } from 'vitest'
import { estimateBloat } from '@shared/vacuum/bloat-estimate'

const base = { blockSize: 8192, fillfactor: 100, columns: 2, columnsWithStats: 2, dataWidth: 12, hasNulls: false }

describe('bloat estimate', () => {
  it('finds no bloat in a freshly packed table: 10,000 rows of 44-byte tuples fill 55 pages', () => {
    // 24-byte header + 16 bytes of data (12 aligned) + 4-byte line pointer = 44 bytes: 185 per 8,168-byte page.
    expect(estimateBloat({ ...base, reltuples: 10_000, relpages: 55 })).toMatchObject({ expectedPages: 55, bloatPages: 0, statsComplete: true })
  })

  it('counts the pages beyond what the live rows need, and honours fillfactor', () => {
    const half = estimateBloat({ ...base, reltuples: 10_000, relpages: 110 })
    expect(half.bloatPages).toBe(55)
    expect(half.bloatRatio).toBe(0.5)
    expect(estimateBloat({ ...base, reltuples: 10_000, relpages: 110, fillfactor: 50 }).bloatPages).toBeLessThan(5)
  })

  it('flags tables whose columns lack statistics (never analyzed or hidden from the role)', () => {
    expect(estimateBloat({ ...base, reltuples: 100, relpages: 10, columnsWithStats: 1 }).statsComplete).toBe(false)
  })
})
