/**
 * Signs of life of open connections, told without anyone asking.
 *
 * Pool figures (total / idle / waiting) are checked every second and re-sent
 * only when one changed. An idle connected pool asks its server `select 1`
 * now and then: a network that drops packets silently never raises a socket
 * error, and the unanswered keep-alive query is the only way to notice.
 */
import type pg from 'pg'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import { withTimeout } from './server-probe'

export interface ConnectionVitalsOptions {
  /** How often pool figures are checked (and re-sent when they changed); default 1 s. */
  statsIntervalMs?: number
  /** How often an idle connected pool checks that its server still answers; default 15 s, 0 to never. */
  heartbeatMs?: number
  /** How long a keep-alive query may go unanswered. */
  timeoutMs: number
  list: () => ConnectionSummary[]
  publish: (list: ConnectionSummary[]) => void
  /** Whether any pool is open (no figures can change otherwise). */
  anyOpen: () => boolean
  /** The pools of connected connections, by connection id. */
  connected: () => Array<[string, pg.Pool]>
  /** A keep-alive query failed or went unanswered. */
  onSilence: (id: string, pool: pg.Pool, error: unknown) => void
}

export class ConnectionVitals {
  private lastPublished = ''
  /** Connections whose keep-alive query is under way. */
  private readonly beating = new Set<string>()
  private readonly statsTimer: NodeJS.Timeout
  private readonly heartbeatTimer: NodeJS.Timeout | null

  constructor(private readonly options: ConnectionVitalsOptions) {
    this.statsTimer = setInterval(() => this.publishIfChanged(), options.statsIntervalMs ?? 1000)
    this.statsTimer.unref()
    const heartbeatMs = options.heartbeatMs ?? 15_000
    this.heartbeatTimer = heartbeatMs > 0 ? setInterval(() => this.heartbeats(), heartbeatMs) : null
    this.heartbeatTimer?.unref()
  }

  /** Tell listeners the current list, whatever changed. */
  publishNow(): void {
    this.send(this.options.list())
  }

  dispose(): void {
    clearInterval(this.statsTimer)
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
  }

  /** At most once per interval, and only when a figure really changed. */
  private publishIfChanged() {
    if (!this.options.anyOpen()) return
    const list = this.options.list()
    if (JSON.stringify(list) !== this.lastPublished) this.send(list)
  }

  private send(list: ConnectionSummary[]) {
    this.lastPublished = JSON.stringify(list)
    try {
      this.options.publish(list)
    } catch {
      // A listener's failure must not break a connection's state machine.
    }
  }

  /** Each connected, idle-enough connection asks its server for a sign of life. */
  private heartbeats() {
    for (const [id, pool] of this.options.connected()) {
      // A pool with queries waiting is busy enough to notice a dead server by itself.
      if (this.beating.has(id) || pool.waitingCount > 0) continue
      this.beating.add(id)
      // Nothing waits for the beat: a failure arrives through onSilence.
      void withTimeout(pool.query('select 1'), this.options.timeoutMs, 'The keep-alive query')
        .catch((error: unknown) => this.options.onSilence(id, pool, error))
        .finally(() => this.beating.delete(id))
    }
  }
}
