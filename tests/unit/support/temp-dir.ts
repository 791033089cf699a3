/** A fresh folder under the OS temp dir, removed when the test file is done. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tusk-${prefix}-`))
  made.push(dir)
  return dir
}
