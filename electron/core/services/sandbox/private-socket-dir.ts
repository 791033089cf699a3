/**
 * The folder of the sandbox's Unix socket, where `trust` lets anyone in as superuser.
 *
 * Whoever can write into that folder can put a socket of their own in place of the
 * server's and receive what Tusk sends there (the superuser's password verifier,
 * every query). So the folder is made with mkdtemp (an unpredictable name, mode
 * 0700) and checked before each use: a folder that is not a plain directory owned
 * by the server's OS user with mode 0700 is refused, never repaired (chmod/chown on
 * a folder someone else made would keep their files in it).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '@shared/base/app-error'

export interface SocketDirOwner {
  /** The OS user the server runs as; absent: this process's user. */
  uid?: number
  gid?: number
}

export const unsafeSocketDirCode = 'sandbox/unsafe-socket-dir'

/**
 * A private folder for the socket: `chosen` when given (created when missing,
 * checked when it exists), else a fresh mkdtemp folder in the OS temp dir.
 */
export async function preparePrivateSocketDir(owner: SocketDirOwner, chosen?: string): Promise<string> {
  const dir = chosen ? await makeIfMissing(chosen) : await fs.mkdtemp(path.join(os.tmpdir(), 'tusk-pg-'))
  const made = dir !== null
  const target = dir ?? chosen!
  // Only a folder made just now is handed over to the server's user.
  if (made && owner.uid !== undefined) await fs.chown(target, owner.uid, owner.gid ?? owner.uid)
  await assertPrivateDir(target, owner)
  return target
}

/** Throws a clear AppError unless `dir` is a directory (not a link) owned by the server's user with mode 0700. */
export async function assertPrivateDir(dir: string, owner: SocketDirOwner): Promise<void> {
  const stat = await fs.lstat(dir)
  const expectedUid = owner.uid ?? process.getuid?.()
  const mode = stat.mode & 0o777
  const problems: string[] = []
  if (!stat.isDirectory()) problems.push('it is not a plain directory')
  if (expectedUid !== undefined && stat.uid !== expectedUid) problems.push(`it belongs to user id ${stat.uid}, not ${expectedUid}`)
  if (mode !== 0o700) problems.push(`its mode is ${mode.toString(8).padStart(4, '0')}, not 0700`)
  if (problems.length === 0) return
  throw new AppError({
    code: unsafeSocketDirCode,
    message: `The sandbox's socket folder ${dir} is not private: ${problems.join(' and ')}. Another local user could intercept the superuser's connection, so Tusk will not use it.`,
    hint: 'Remove that folder (or let Tusk choose its own socket folder) and start the sandbox again.'
  })
}

/** The path when this call created it; null when it was already there. */
async function makeIfMissing(dir: string): Promise<string | null> {
  try {
    await fs.mkdir(dir, { mode: 0o700 })
    // The umask may have taken bits away, never added any; make it exact.
    await fs.chmod(dir, 0o700)
    return dir
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null
    throw error
  }
}

/**
 * Remember the folder next to the data dir, and remove the one a crashed run left.
 *
 * Only a folder of our own naming in the temp dir that is still private and
 * ours goes; the server that used it is known to be stopped by then.
 */
export async function replaceRecordedSocketDir(record: string, dir: string | null, owner: SocketDirOwner): Promise<void> {
  const previous = (await fs.readFile(record, 'utf8').catch(() => '')).trim()
  if (previous && previous !== dir && path.dirname(previous) === os.tmpdir() && path.basename(previous).startsWith('tusk-pg-')) {
    const safe = await assertPrivateDir(previous, owner).then(
      () => true,
      () => false
    )
    if (safe) await removeSocketDir(previous)
  }
  if (dir) await fs.writeFile(record, dir, { mode: 0o600 })
  else await fs.rm(record, { force: true })
}

/** Remove a socket folder we made (best effort: the server removed its socket when it stopped). */
export async function removeSocketDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
}
