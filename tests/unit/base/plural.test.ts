import { describe, expect, it } from 'vitest'
import { plural } from '@shared/base/plural'

describe('counts in words', () => {
  it('says "1 row", "0 rows", "1,000,000 rows"', () => {
    expect(plural(1, 'row')).toBe('1 row')
    expect(plural(0, 'row')).toBe('0 rows')
    expect(plural(1_000_000, 'row')).toBe('1,000,000 rows')
    expect(plural(2, 'index', 'indexes')).toBe('2 indexes')
  })
})
