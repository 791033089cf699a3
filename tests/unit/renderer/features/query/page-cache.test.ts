import { describe, expect, it } from 'vitest'
import { PageCache, type PageRow } from '../../../../../renderer/src/features/query/page-cache'

const rows = (from: number, n: number): PageRow[] => Array.from({ length: n }, (_, i) => [String(from + i)])

describe('the grid page cache', () => {
  it('shows the first rows a progress event brought at once, and keeps a short page on screen while it is read again', async () => {
    const asked: number[] = []
    const available = 150
    const cache = new PageCache(
      async (offset, limit) => {
        asked.push(offset)
        return rows(offset, Math.min(limit, available - offset))
      },
      () => {}
    )
    cache.offer(0, rows(0, 100))
    expect(cache.row(5)).toEqual(['5'])
    expect(asked).toEqual([])
    // A row past what came: asked for, and the rows already there stay.
    expect(cache.row(120)).toBeUndefined()
    expect(cache.row(5)).toEqual(['5'])
    await new Promise((r) => setTimeout(r, 0))
    expect(asked).toEqual([0])
    expect(cache.row(120)).toEqual(['120'])
    // A later offer of fewer rows does not replace what was read.
    cache.offer(0, rows(0, 100))
    expect(cache.row(140)).toEqual(['140'])
  })
})
