import { describe, expect, it } from 'vitest'
import { subtreeSizes } from '@shared/schema/partition-sizes'

const size = (table: number) => ({ table, toast: 0, indexes: table / 2, total: table * 1.5 })

describe('a partitioned table sized by its tree', () => {
  it('gives the parent the sum of its partitions, nested ones included, and each partition its own subtree', () => {
    const sizes = subtreeSizes([
      { relid: 1, parentRelid: null, own: size(0) },
      { relid: 2, parentRelid: 1, own: size(0) },
      { relid: 3, parentRelid: 2, own: size(100) },
      { relid: 4, parentRelid: 2, own: size(300) },
      { relid: 5, parentRelid: 1, own: size(50) }
    ])
    expect(sizes.get(1)).toEqual(size(450))
    expect(sizes.get(2)).toEqual(size(400))
    expect(sizes.get(5)).toEqual(size(50))
  })

  it('counts a child of two parents once in the total', () => {
    const sizes = subtreeSizes([
      { relid: 1, parentRelid: null, own: size(0) },
      { relid: 2, parentRelid: 1, own: size(10) },
      { relid: 3, parentRelid: 1, own: size(20) },
      { relid: 4, parentRelid: 2, own: size(40) },
      { relid: 4, parentRelid: 3, own: size(40) }
    ])
    expect(sizes.get(1)).toEqual(size(70))
    expect(sizes.get(2)).toEqual(size(50))
    expect(sizes.get(3)).toEqual(size(60))
  })
})
