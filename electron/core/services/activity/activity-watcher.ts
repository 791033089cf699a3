/**
 * Watches one server: a dedicated connection (not from the query pool, named
 * `Tusk monitor` so it can hide itself), a poll every interval, diffs and
 * rates out. Backs off and reconnects while the server is away.
 */
import pg from 'pg'
import type { ActivitySession, ActivityStats, ActivityUpdate } from '@shared/activity/activity-snapshot'
import { describeConnectionFailure } from '@shared/connections/connection-failure'
import type { LockSnapshot } from '@shared/locks/lock-snapshot'
import { retryOnceIfSessionDied } from '../../postgres/fresh-session-retry'
import { readCounters, readSessions, type DatabaseCounters } from './activity-reader'

export const monitorApplicationName = 'Tusk monitor'

/**
 * Reads the lock graph through the watcher's connection (the locks service's
 * reader, wired in by the composition root: services do not import each other).
 */
export type LockGraphReader = (db: Pick<pg.ClientBase, 'query'>, serverVersionNum: number) => Promise<Pick<LockSnapshot, 'edges'>>

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
  private previous = new Map<string, string>()
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
    // One connection runs one query at a time: in sequence, not queued.
    const sessions = await readSessions(client, this.versionNum)
    const counters = await readCounters(client)
    const locks = await this.options.readLocks(client, this.versionNum)
    const now = Date.now()
    const update = this.diff(sessions, now)
    update.stats = this.stats(sessions, counters, now)
    update.edges = locks.edges
    update.pollMs = performance.now() - started
    return update
  }

  private schedule(delay: number) {
    this.timer = setTimeout(async () => {
      if (!this.running) return
      try {
        this.options.publish(await this.poll())
        this.failures = 0
        this.schedule(this.options.intervalMs)
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

  private diff(sessions: ActivitySession[], at: number): ActivityUpdate {
    const next = new Map<string, string>()
    const upserts: ActivitySession[] = []
    for (const session of sessions) {
      const key = JSON.stringify(session)
      next.set(String(session.pid), key)
      if (this.needFull || this.previous.get(String(session.pid)) !== key) upserts.push(session)
    }
    const removed = this.needFull ? [] : [...this.previous.keys()].filter((pid) => !next.has(pid)).map(Number)
    const full = this.needFull
    this.previous = next
    this.needFull = false
    return { connectionId: this.options.connectionId, at, full, upserts, removed, stats: null, edges: [], error: null, pollMs: 0 }
  }

  private stats(sessions: ActivitySession[], counters: DatabaseCounters & { maxConnections: number }, at: number): ActivityStats {
    const clients = sessions.filter((s) => s.backendType === 'client backend')
    const before = this.previousCounters
    const seconds = before ? (at - before.at) / 1000 : 0
    const rate = (key: keyof DatabaseCounters) => (before && seconds > 0 ? Math.max(0, (counters[key] - before.counters[key]) / seconds) : null)
    const reads = before ? counters.blockReads - before.counters.blockReads : 0
    const hits = before ? counters.blockHits - before.counters.blockHits : 0
    this.previousCounters = { at, counters }
    return {
      connections: clients.length + 1,
      maxConnections: counters.maxConnections,
      active: clients.filter((s) => s.state === 'active').length,
      idle: clients.filter((s) => s.state === 'idle').length,
      idleInTransaction: clients.filter((s) => s.state?.startsWith('idle in transaction')).length,
      waiting: clients.filter((s) => s.waitEventType === 'Lock').length,
      transactionsPerSec: rate('transactions'),
      tuplesPerSec: rate('tuples'),
      blockReadsPerSec: rate('blockReads'),
      cacheHitRatio: before && reads + hits > 0 ? hits / (reads + hits) : null
    }
  }
}
