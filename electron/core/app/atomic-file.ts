/**
 * Replace a small file all at once, readable by its owner only.
 *
 * Written to a temporary sibling, flushed, then renamed over the target: a
 * crash leaves either the old file or the new one, never half of each. The
 * temporary file is created 0600, so the content is never world-readable, not
 * even for a moment.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await fs.open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
}

/**
 * Run writes one after the other; a failed write does not block the next.
 *
 * Each call returns its own outcome, so a caller sees its own failure.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run(write: () => Promise<void>): Promise<void> {
    const next = this.tail.then(write)
    this.tail = next.catch(() => undefined)
    return next
  }
}
