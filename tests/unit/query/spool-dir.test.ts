import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openFilesUnder } from '../support/open-files'
import { tempDir } from '../support/temp-dir'
import { ResultSpool } from '../../../electron/core/services/query/result-spool'
import { makeSpoolDir } from '../../../electron/core/services/query/spool-dir'

describe('spool folders', () => {
  it("a start removes the spools of processes that are gone, keeps a running process's, and makes a private folder of its own", async () => {
    const parent = tempDir('spool-parent')
    const deadPid = spawnSync('true').pid!
    const stale = path.join(parent, `tusk-spool-${deadPid}`)
    const staleNew = path.join(parent, `tusk-spool-${deadPid}-a1b2c3`)
    const alive = path.join(parent, `tusk-spool-${process.ppid}-x`)
    for (const dir of [stale, staleNew, alive]) mkdirSync(path.join(dir, 'inner'), { recursive: true })
    const mine = await makeSpoolDir(parent)
    expect(readdirSync(parent).sort()).toEqual([path.basename(alive), path.basename(mine)].sort())
    expect(statSync(mine).mode & 0o777).toBe(0o700)
    expect(path.basename(mine)).toMatch(new RegExp(`^tusk-spool-${process.pid}-.{6}$`))
  })

  it('a finished spool holds no descriptor, and its pages still read', async () => {
    const dir = tempDir('spool-fds')
    const spools = Array.from({ length: 200 }, (_, i) => new ResultSpool(path.join(dir, `${i}.jsonl`)))
    for (const spool of spools) {
      for (let r = 0; r < 300; r++) spool.append([String(r), 'x'])
      await spool.finish()
    }
    expect(openFilesUnder(dir)).toBe(0)
    expect(await spools[123]!.page(298, 5)).toEqual([
      ['298', 'x'],
      ['299', 'x']
    ])
    expect(openFilesUnder(dir)).toBe(0)
    await Promise.all(spools.map((s) => s.dispose()))
  })
})
