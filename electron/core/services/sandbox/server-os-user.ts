/**
 * Which OS user the sandbox's server runs as.
 *
 * PostgreSQL refuses to run as root: as root we run it as the `postgres` OS
 * user (created when missing), who must be able to reach the data dir.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

export interface RunAs {
  uid?: number
  gid?: number
}

/** {} (this process's user) unless we are root on a POSIX system. */
export async function serverOsUser(dataDir: string): Promise<RunAs> {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return {}
  const ids = await lookupUser('postgres').catch(async () => {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'])
    return lookupUser('postgres')
  })
  await assertTraversable(path.dirname(path.resolve(dataDir)))
  return ids
}

async function lookupUser(name: string): Promise<RunAs> {
  const [uid, gid] = await Promise.all([
    execFileAsync('id', ['-u', name]).then((r) => Number.parseInt(r.stdout, 10)),
    execFileAsync('id', ['-g', name]).then((r) => Number.parseInt(r.stdout, 10))
  ])
  return { uid, gid }
}

/** Every ancestor must let "others" through, or the postgres OS user cannot reach PGDATA. */
async function assertTraversable(dir: string): Promise<void> {
  let current = dir
  for (;;) {
    const stat = await fs.stat(current).catch(() => null)
    if (stat && (stat.mode & 0o001) === 0) {
      throw new Error(
        `Running as root, the sandbox server runs as the "postgres" OS user, which cannot enter ${current}. ` +
          'Set TUSK_DATA_DIR to a folder outside it (for example /var/lib/tusk).'
      )
    }
    const parent = path.dirname(current)
    if (parent === current) return
    current = parent
  }
}

