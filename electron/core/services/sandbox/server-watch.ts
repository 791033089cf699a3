/**
 * Notices when a server we started is gone (killed, crashed), so it can be started again.
 *
 * Polls the postmaster's pid. A killed postmaster may linger as a zombie where
 * nothing reaps orphans (containers whose PID 1 does not), and `kill -0`
 * succeeds on a zombie, so on Linux /proc says whether it still runs. A server
 * restarted by someone else (`pg_ctl restart`) is missing for a moment: only a
 * server gone for the whole grace period counts as dead, and a new postmaster
 * found in the meantime is simply followed.
 */
import { readFileSync } from 'node:fs'

export interface ServerWatchOptions {
  /** The postmaster's pid now, or null when there is none (postmaster.pid gone). */
  postmasterPid: () => Promise<number | null>
  onDeath: () => void
  intervalMs?: number
  /** How long no live postmaster must last to count as death (default 3 s). */
  graceMs?: number
}

export class ServerWatch {
  private timer: NodeJS.Timeout | null = null
  private generation = 0

  constructor(private readonly options: ServerWatchOptions) {}

  start(): void {
    this.stop()
    const generation = ++this.generation
    let missingSince: number | null = null
    const tick = async () => {
      const pid = await this.options.postmasterPid()
      if (generation !== this.generation) return
      const alive = pid !== null && isProcessRunning(pid)
      if (alive) missingSince = null
      else missingSince ??= Date.now()
      if (missingSince !== null && Date.now() - missingSince >= (this.options.graceMs ?? 3000)) {
        this.timer = null
        this.options.onDeath()
        return
      }
      this.timer = setTimeout(() => void tick(), this.options.intervalMs ?? 1000)
      this.timer.unref?.()
    }
    this.timer = setTimeout(() => void tick(), this.options.intervalMs ?? 1000)
    this.timer.unref?.()
  }

  stop(): void {
    this.generation += 1
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

/** Whether `pid` is a running process (a zombie is not). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (process.platform !== 'linux') return true
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}
