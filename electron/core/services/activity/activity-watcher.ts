/**
 * Watches one server: a dedicated connection (not from the query pool, named
 * `Tusk monitor` so it can hide itself), a poll every interval, diffs and
 * rates out. Backs off and reconnects while the server is away.
 *
 * A poll is one round trip (sessions with their lock waiters, and counters),
 * plus pg_locks only while somebody waits. The interval stretches when the
 * server's pg_stat_activity gets slow (it is quadratic in the number of
 * backends), so watching never costs the server more than a fifth of a core.
 */
import pg from 'pg'
import type { ActivityStats, ActivityUpdate } from '@shared/activity/activity-snapshot'
import { diffByKey, sameCells, type Cells } from '@shared/activity/keyed-diff'
import { nextPollDelay } from '@shared/activity/poll-interval'
import { describeConnectionFailure } from '@shared/connections/connection-failure'
import type { LockSnapshot } from '@shared/locks/lock-snapshot'
import { retryOnceIfSessionDied } from '../../postgres/fresh-session-retry'
import { lockWaitersOf, readActivity, readRawRows, sessionColumn, sessionOfRow, type DatabaseCounters } from './activity-reader'

export const monitorApplicationName = 'Tusk monitor'

/**
 * The lock graph, from the locks service (wired in by the composition root:
 * services do not import each other): the statement that reads the lock rows,
 * and the edges from those rows and the waiters the poll's own
 * pg_stat_activity scan found. Read only while somebody waits.
 */
export interface LockGraphReader {
  rowsSql(serverVersionNum: number): string
  edges(rows: Cells[], waiters: { blocking: Map<number, number[]>; leaderOf: Map<number, number> }): LockSnapshot['edges']
}

export interface ActivityWatcherOptions {
  connectionId: string
  clientConfig: () => pg.ClientConfig
  publish: (update: ActivityUpdate) => void
  intervalMs: number
  readLocks: LockGraphReader
}

export class ActivityWatcher {
  private client: pg.Client | null = null
  private versionNum = 0
  private timer: NodeJS.Timeout | null = null
  private running = false
  private previous = new Map<string, Cells>()
  private lastPollMs = 0
  /** Somebody waited at the last poll: this one sends the lock rows' statement in its own message. */
  private sawWaiters = false
  private previousCounters: { at: number; counters: DatabaseCounters } | null = null
  private failures = 0
  private needFull = true

  constructor(private readonly options: ActivityWatcherOptions) {}

  get intervalMs(): number {
    return this.options.intervalMs
  }

  setInterval(ms: number): void {
    this.options.intervalMs = ms
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.needFull = true
    this.schedule(0)
  }

  /** Pause: nothing listens. The connection stays for a quick resume. */
  stop(): void {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  async dispose(): Promise<void> {
    this.stop()
    await this.client?.end().catch(() => undefined)
    this.client = null
  }

  /**
   * One poll now (also used by tests and the benchmark). A poll whose session
   * was found dead (terminated) is tried once more on a new one at once, so
   * the view does not show a failure and wait out a back-off for nothing.
   */
  poll(): Promise<ActivityUpdate> {
    return retryOnceIfSessionDied(async (fresh) => {
      if (fresh) await this.dropClient()
      return this.pollOnce()
    })
  }

  private async dropClient(): Promise<void> {
    const client = this.client
    this.client = null
    await client?.end().catch(() => undefined)
  }

  private async pollOnce(): Promise<ActivityUpdate> {
    const started = performance.now()
    const client = await this.connect()
    const { readLocks } = this.options
    const { rows, counters, also } = await readActivity(client, this.versionNum, this.sawWaiters ? readLocks.rowsSql(this.versionNum) : undefined)
    const waiters = lockWaitersOf(rows)
    this.sawWaiters = waiters.blocking.size > 0
    let edges: ActivityUpdate['edges'] = []
    if (this.sawWaiters) {
      // Nobody waited at the last poll, so the lock rows were not in this poll's message: read them now.
      const lockRows = also ?? (await readRawRows(client, readLocks.rowsSql(this.versionNum)))
      edges = readLocks.edges(lockRows, waiters)
    }
    const now = Date.now()
    const update = this.diff(rows, now)
    update.stats = this.stats(rows, counters, now)
    update.edges = edges
    update.pollMs = this.lastPollMs = performance.now() - started
    return update
  }

  private schedule(delay: number) {
    this.timer = setTimeout(async () => {
      if (!this.running) return
      try {
        this.options.publish(await this.poll())
        this.failures = 0
        this.schedule(nextPollDelay(this.options.intervalMs, this.lastPollMs))
      } catch (error) {
        this.failures += 1
        await this.client?.end().catch(() => undefined)
        this.client = null
        this.needFull = true
        const config = this.options.clientConfig()
        this.options.publish({
          connectionId: this.options.connectionId,
          at: Date.now(),
          full: false,
          upserts: [],
          removed: [],
          stats: null,
          edges: [],
          error: describeConnectionFailure(error as Error, {
            host: String(config.host ?? ''),
            port: Number(config.port ?? 0),
            database: String(config.database ?? ''),
            user: String(config.user ?? ''),
            sslMode: ''
          }),
          pollMs: 0
        })
        // Back off while the server is away: 1 s, 2 s, 4 s… up to 15 s.
        this.schedule(Math.min(15_000, Math.max(this.options.intervalMs, 1000 * 2 ** Math.min(this.failures - 1, 4))))
      }
    }, delay)
    this.timer.unref?.()
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client
    const client = new pg.Client({ ...this.options.clientConfig(), application_name: monitorApplicationName })
    client.on('error', () => {
      if (this.client === client) this.client = null
    })
    await client.connect()
    this.versionNum = Number((await client.query<{ server_version_num: string }>('show server_version_num')).rows[0]!.server_version_num)
    this.client = client
    return client
  }

  private diff(rows: Cells[], at: number): ActivityUpdate {
    const full = this.needFull
    const { changed, removed, next } = diffByKey(full ? null : this.previous, rows, (row) => row[sessionColumn.pid]!, sameCells)
    this.previous = next
    this.needFull = false
    return { connectionId: this.options.connectionId, at, full, upserts: changed.map(sessionOfRow), removed: removed.map(Number), stats: null, edges: [], error: null, pollMs: 0 }
  }

  private stats(rows: Cells[], counters: DatabaseCounters & { maxConnections: number }, at: number): ActivityStats {
    const clients = countClientStates(rows)
    const before = this.previousCounters
    const seconds = before ? (at - before.at) / 1000 : 0
    const rate = (key: keyof DatabaseCounters) => (before && seconds > 0 ? Math.max(0, (counters[key] - before.counters[key]) / seconds) : null)
    const reads = before ? counters.blockReads - before.counters.blockReads : 0
    const hits = before ? counters.blockHits - before.counters.blockHits : 0
    this.previousCounters = { at, counters }
    return {
      ...clients,
      // The watcher's own session is one of the server's connections too.
      connections: clients.connections + 1,
      maxConnections: counters.maxConnections,
      transactionsPerSec: rate('transactions'),
      tuplesPerSec: rate('tuples'),
      blockReadsPerSec: rate('blockReads'),
      cacheHitRatio: before && reads + hits > 0 ? hits / (reads + hits) : null
    }
  }
}

/** Client backends by state, in one pass over the poll's rows. */
function countClientStates(rows: Cells[]): Pick<ActivityStats, 'connections' | 'active' | 'idle' | 'idleInTransaction' | 'waiting'> {
  const counts = { connections: 0, active: 0, idle: 0, idleInTransaction: 0, waiting: 0 }
  for (const row of rows) {
    if (row[sessionColumn.backendType] !== 'client backend') continue
    counts.connections += 1
    const state = row[sessionColumn.state]
    if (state === 'active') counts.active += 1
    else if (state === 'idle') counts.idle += 1
    else if (state?.startsWith('idle in transaction')) counts.idleInTransaction += 1
    if (row[sessionColumn.waitEventType] === 'Lock') counts.waiting += 1
  }
  return counts
}
