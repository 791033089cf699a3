import { describe, expect, it } from 'vitest'
import { decodeBlock, encodeBlock, type SpoolRow } from '../../../electron/core/services/query/spool-block'

const roundTrip = (rows: SpoolRow[]) => decodeBlock(encodeBlock(rows), rows.length)

describe('result spool blocks', () => {
  it('give back every cell as it was: NULL apart from empty text, quotes, newlines, commas, non-ASCII', () => {
    const rows: SpoolRow[] = [
      ['1', null, ''],
      ['x"\n,\\', 'naïve 日本 🐘', null],
      [null, null, null],
      ['', '', '']
    ]
    expect(roundTrip(rows)).toEqual(rows)
  })

  it('keep rows of a result with no columns (select from a table with none)', () => {
    expect(roundTrip([[], [], []])).toEqual([[], [], []])
  })

  it('keep a one-column result whose cells are all empty', () => {
    expect(roundTrip([[''], [''], ['']])).toEqual([[''], [''], ['']])
  })

  it('refuse a block that does not hold the rows it should, rather than shift cells', () => {
    const text = encodeBlock([['1', '2'], ['3', '4']])
    expect(() => decodeBlock(text, 3)).toThrow(/damaged/)
  })
})
