import { describe, expect, it } from 'vitest'
import { rowWindow } from '../../../../renderer/src/ui/fixed-row-window'

describe('the rows in view of a list of equal rows', () => {
  it('are those under the scroll position, with some to spare, whatever the count', () => {
    expect(rowWindow(300_000, 30, 0, 600, 20)).toEqual({ first: 0, end: 40, totalHeight: 9_000_000 })
    expect(rowWindow(1_000_000, 30, 900_000 * 30, 600, 20)).toEqual({ first: 899_980, end: 900_040, totalHeight: 30_000_000 })
    // Scrolled past the end of a result that got shorter: nothing beyond the last row.
    expect(rowWindow(10, 30, 5000, 600, 20)).toEqual({ first: 10, end: 10, totalHeight: 300 })
  })
})
