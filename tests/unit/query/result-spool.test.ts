import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'
import { ResultSpool } from '../../../electron/core/services/query/result-spool'

const row = (i: number) => [String(i), i % 3 === 0 ? null : `v${i}`, i % 5 === 0 ? '' : 'x"\n,é']

describe('result spool', () => {
  it('returns any page exactly, across blocks on disk and the block still filling', async () => {
    const spool = new ResultSpool(path.join(tempDir('spool'), 'r.jsonl'))
    for (let i = 0; i < 1000; i++) spool.append(row(i))
    // While "streaming": 768 rows are in closed blocks, 232 in the open one.
    expect(await spool.page(760, 20)).toEqual(Array.from({ length: 20 }, (_, k) => row(760 + k)))
    expect(await spool.page(990, 50)).toEqual(Array.from({ length: 10 }, (_, k) => row(990 + k)))
    for (let i = 1000; i < 5000; i++) spool.append(row(i))
    await spool.finish()
    expect(spool.rowCount).toBe(5000)
    expect(await spool.page(0, 3)).toEqual([row(0), row(1), row(2)])
    expect(await spool.page(4097, 2000)).toEqual(Array.from({ length: 903 }, (_, k) => row(4097 + k)))
    expect(await spool.page(5000, 10)).toEqual([])
    await spool.dispose()
  })

  it('pages of rows not written yet come from memory, without waiting for the disk', async () => {
    const file = path.join(tempDir('spool'), 'r.rows')
    const spool = new ResultSpool(file)
    for (let i = 0; i < 1000; i++) spool.append(row(i))
    // Three closed blocks wait for a write (well under the megabyte that starts one): the page is served, nothing is written for it.
    expect(await spool.page(300, 20)).toEqual(Array.from({ length: 20 }, (_, k) => row(300 + k)))
    expect(existsSync(file)).toBe(false)
    await spool.dispose()
  })

  it('the first rows stay readable from memory once written, the rest come from the file', async () => {
    const file = path.join(tempDir('spool'), 'r.rows')
    const spool = new ResultSpool(file)
    for (let i = 0; i < 5000; i++) spool.append(row(i))
    await spool.finish()
    rmSync(file)
    // The grid's first page needs no disk; a page further down does.
    expect(await spool.page(0, 200)).toEqual(Array.from({ length: 200 }, (_, k) => row(k)))
    await expect(spool.page(4000, 10)).rejects.toThrow()
    await spool.dispose()
  })
})
