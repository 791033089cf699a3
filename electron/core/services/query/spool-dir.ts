/**
 * Where result spools live: a private folder per process, and nothing left behind.
 *
 * The folder is made with mkdtemp (a name nobody can guess and pre-create,
 * mode 0700). A process killed with its runs open leaves its folder behind;
 * the next start removes every `tusk-spool-<pid>…` folder whose process is
 * gone, so spools never pile up in the temp dir.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { isProcessAlive } from '../../app/process-alive'

const prefix = 'tusk-spool-'

/** Makes this process's spool folder under `parent` (the OS temp dir by default), after removing stale ones. */
export async function makeSpoolDir(parent = os.tmpdir()): Promise<string> {
  await removeStaleSpoolDirs(parent)
  return fs.mkdtemp(path.join(parent, `${prefix}${process.pid}-`))
}

/** Removes the spool folders of processes that no longer run (only ours: another user's are not ours to remove). */
export async function removeStaleSpoolDirs(parent = os.tmpdir()): Promise<string[]> {
  const removed: string[] = []
  const uid = process.getuid?.()
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    const pid = Number(/^tusk-spool-(\d+)(?:-|$)/.exec(name)?.[1])
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue
    const dir = path.join(parent, name)
    const stat = await fs.lstat(dir).catch(() => null)
    if (!stat?.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
    removed.push(dir)
  }
  return removed
}
