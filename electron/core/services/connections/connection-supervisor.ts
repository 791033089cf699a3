/**
 * The live side of connections: one pg.Pool per open connection and its state.
 *
 * Each connection goes closed → connecting → connected ⇄ reconnecting, or
 * failed; every change (pool figures included, see connection-vitals) is
 * told through `onChange`. A lost server is waited for by a ReconnectMonitor.
 * The supervisor is the PoolProvider of every other service: it hands out the
 * pools and hears from them when a failure was the connection's.
 */
import type pg from 'pg'
import type { ConnectionDraft, ConnectionProfile } from '@shared/connections/connection-profile'
import type { ConnectionState, ConnectionSummary, ServerInfo } from '@shared/connections/connection-status'
import { classifyConnectionFailure, connectionFailureCodes, describeConnectionFailure, isServerUnavailable, type DriverError } from '@shared/connections/connection-failure'
import { AppError, type AppErrorData } from '@shared/base/app-error'
import type { PoolProvider } from '../../postgres/pool-provider'
import { clientConfig, sslFor, type SslChoice } from './client-config'
import { ConnectionVitals } from './connection-vitals'
import { PoolRegistry } from './pool-registry'
import type { ProfileBook } from './profile-book'
import { ReconnectMonitor } from './reconnect-monitor'
import { isTimeout, readServerInfo, shouldRetryWithoutSsl, withTimeout } from './server-probe'

export interface SupervisorOptions {
  book: ProfileBook
  onChange: (list: ConnectionSummary[]) => void
  connectTimeoutMs: number
  statsIntervalMs?: number
  reconnectDelays?: { firstMs: number; maxMs: number }
  heartbeatMs?: number
}

interface Runtime {
  state: ConnectionState
  lastError: AppErrorData | null
  server: ServerInfo | null
  /** The target and SSL choice of the open pool. */
  opened: { draft: ConnectionDraft; ssl: SslChoice } | null
  monitor: ReconnectMonitor | null
}

export class ConnectionSupervisor implements PoolProvider {
  private readonly pools = new PoolRegistry()
  private readonly runtime = new Map<string, Runtime>()
  private readonly opening = new Map<string, Promise<ConnectionSummary>>()
  private readonly vitals: ConnectionVitals
  private disposed = false

  constructor(private readonly options: SupervisorOptions) {
    this.vitals = new ConnectionVitals({
      statsIntervalMs: options.statsIntervalMs,
      heartbeatMs: options.heartbeatMs,
      timeoutMs: options.connectTimeoutMs,
      list: () => this.list(),
      publish: options.onChange,
      anyOpen: () => this.pools.size > 0,
      connected: () => this.pools.entries().filter(([id]) => this.runtime.get(id)?.state === 'connected'),
      onSilence: (id, pool, error) => {
        if (this.pools.get(id) === pool) this.reportFailure(id, error)
      }
    })
  }

  list(): ConnectionSummary[] {
    return this.options.book.profiles().map((profile) => this.summary(profile))
  }

  summary(profile: ConnectionProfile): ConnectionSummary {
    const runtime = this.runtime.get(profile.id)
    return {
      profile,
      state: runtime?.state ?? 'closed',
      pool: this.pools.stats(profile.id),
      server: runtime?.server ?? null,
      lastError: runtime?.lastError ?? null
    }
  }

  /** Create the connection's pool and run a first query; an open connection is left as it is. */
  open(id: string): Promise<ConnectionSummary> {
    const profile = this.options.book.get(id)
    const pending = this.opening.get(id)
    if (pending) return pending
    const state = this.runtime.get(id)?.state
    if (this.pools.has(id) && (state === 'connected' || state === 'reconnecting')) return Promise.resolve(this.summary(profile))
    const opening = this.doOpen(id).finally(() => this.opening.delete(id))
    this.opening.set(id, opening)
    return opening
  }

  async close(id: string): Promise<ConnectionSummary> {
    const profile = this.options.book.get(id)
    await this.opening.get(id)?.catch(() => undefined)
    await this.shutdown(id)
    this.setState(id, 'closed', null)
    return this.summary(profile)
  }

  /** The profile changed: an open connection whose sessions it shapes gets a new pool; either way, listeners hear. */
  async profileChanged(id: string, reshaped: boolean): Promise<void> {
    if (this.pools.has(id) && reshaped) await this.rebuild(id)
    else this.changed()
  }

  /** The profile is gone: its pool is closed and its state forgotten. */
  async forget(id: string): Promise<void> {
    await this.shutdown(id)
    this.runtime.delete(id)
  }

  /** The pool of an open connection, for the other services. */
  pool(id: string): pg.Pool {
    const pool = this.pools.get(id)
    if (pool) return pool
    const profile = this.options.book.get(id)
    const runtime = this.runtime.get(id)
    if (runtime?.state === 'reconnecting' && runtime.lastError) {
      throw new AppError({ ...runtime.lastError, message: `${runtime.lastError.message} Reconnecting…` })
    }
    throw new AppError({ code: 'conn/not-open', message: `The connection "${profile.name}" is not open.`, hint: 'Open it first.' })
  }

  /** Whether sessions of this connection are read-only (services re-check it on clients they give back). */
  isReadOnly(id: string): boolean {
    return this.options.book.isReadOnly(id)
  }

  /**
   * Called by services when a query failed: is it the connection's fault?
   *
   * Returns the failure in a user's words when it is (the server went away,
   * the pool is saturated…), else null (an ordinary SQL error). A server that
   * went away puts the connection in 'reconnecting' until it answers again.
   */
  reportFailure(id: string, error: unknown): AppErrorData | null {
    const driverError = error as DriverError
    if (AppError.is(error) || classifyConnectionFailure(driverError) === connectionFailureCodes.other) return null
    const runtime = this.runtime.get(id)
    const profile = this.options.book.find(id)
    if (!profile) return null
    const data = describeConnectionFailure(driverError, runtime?.opened?.draft ?? profile)
    if (runtime?.monitor && this.pools.has(id) && isServerUnavailable(driverError) && (runtime.state === 'connected' || runtime.state === 'reconnecting')) {
      if (runtime.state !== 'reconnecting') this.setState(id, 'reconnecting', data)
      runtime.monitor.start()
    }
    return data
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.vitals.dispose()
    for (const runtime of this.runtime.values()) runtime.monitor?.stop()
    await Promise.allSettled([...this.opening.values()])
    await this.pools.closeAll()
  }

  private async doOpen(id: string): Promise<ConnectionSummary> {
    this.setState(id, 'connecting', null)
    try {
      await this.connectPool(id)
      if (this.disposed) await this.pools.close(id)
      else this.watch(id)
      this.setState(id, this.disposed ? 'closed' : 'connected', null)
    } catch (error) {
      const data = this.describe(id, error)
      this.setState(id, 'failed', data)
      throw new AppError(data)
    }
    return this.summary(this.options.book.get(id))
  }

  /**
   * A new pool for the connection (replacing any), proven by a first query.
   *
   * With sslmode "prefer" the pool first tries SSL and, when the server does
   * not offer it, is made again without. On failure no pool is left behind.
   */
  private async connectPool(id: string): Promise<void> {
    const profile = this.options.book.get(id)
    const target = await this.options.book.resolveTarget(profile)
    const runtime = this.runtimeOf(id)
    const attempt = async (ssl: SslChoice) => {
      const config = clientConfig(target.draft, target.password, { ssl, connectTimeoutMs: this.options.connectTimeoutMs })
      const pool = this.pools.create(id, config, { max: profile.poolMax, idleTimeoutMs: profile.poolIdleTimeoutMs }, (error, from) => {
        if (this.pools.get(id) === from) this.reportFailure(id, error)
      })
      try {
        runtime.server = await readServerInfo(pool)
        runtime.opened = { draft: target.draft, ssl }
      } catch (error) {
        if (this.pools.get(id) === pool) await this.pools.close(id)
        throw error
      }
    }
    try {
      await attempt(sslFor(target.draft, true))
    } catch (error) {
      if (target.draft.sslMode !== 'prefer' || !shouldRetryWithoutSsl(error)) throw error
      await attempt(false)
    }
  }

  /** From now on, a lost server is waited for by a fresh monitor. */
  private watch(id: string) {
    const runtime = this.runtimeOf(id)
    runtime.monitor?.stop()
    runtime.monitor = this.newMonitor(id)
  }

  /** A new pool after a change of settings; failures are shown on the connection, not thrown. */
  private async rebuild(id: string): Promise<void> {
    this.runtime.get(id)?.monitor?.stop()
    this.setState(id, 'connecting', null)
    try {
      await this.connectPool(id)
      this.watch(id)
      this.setState(id, 'connected', null)
    } catch (error) {
      this.setState(id, 'failed', this.describe(id, error))
    }
  }

  private newMonitor(id: string): ReconnectMonitor {
    const delays = this.options.reconnectDelays
    return new ReconnectMonitor({
      ...(delays ? { firstDelayMs: delays.firstMs, maxDelayMs: delays.maxMs } : {}),
      probe: async () => {
        const runtime = this.runtimeOf(id)
        const target = await this.options.book.resolveTarget(this.options.book.get(id))
        const pool = this.pools.get(id)
        const moved = runtime.opened && (runtime.opened.draft.host !== target.draft.host || runtime.opened.draft.port !== target.draft.port)
        if (!pool || moved) {
          // No pool left, or the sandbox came back on another port: a pool for where it is now.
          await this.connectPool(id)
          return
        }
        try {
          runtime.server = await withTimeout(readServerInfo(pool), this.options.connectTimeoutMs, 'The reconnect probe')
        } catch (error) {
          if (!isTimeout(error)) throw error
          // Its sessions stopped answering (packets silently dropped): start over with new ones.
          this.pools.discard(pool)
          await this.connectPool(id)
        }
      },
      shouldRetry: (error) => !AppError.is(error) && isServerUnavailable(error as DriverError),
      onAttemptFailed: (error) => this.setState(id, 'reconnecting', this.describe(id, error)),
      onRecovered: () => this.setState(id, 'connected', null),
      onGaveUp: (error) => {
        // Waiting will not help (password changed, database dropped): say so and let the user act.
        // The pool ends in the background; the state says "failed" at once.
        void this.pools.close(id)
        this.setState(id, 'failed', this.describe(id, error))
      }
    })
  }

  private async shutdown(id: string): Promise<void> {
    const runtime = this.runtime.get(id)
    runtime?.monitor?.stop()
    if (runtime) {
      runtime.monitor = null
      runtime.server = null
      runtime.opened = null
    }
    await this.pools.close(id)
  }

  private describe(id: string, error: unknown): AppErrorData {
    if (AppError.is(error)) return error.data
    const where = this.runtime.get(id)?.opened?.draft ?? this.options.book.find(id)
    return where ? describeConnectionFailure(error as DriverError, where) : { code: connectionFailureCodes.other, message: String(error) }
  }

  private runtimeOf(id: string): Runtime {
    let runtime = this.runtime.get(id)
    if (!runtime) this.runtime.set(id, (runtime = { state: 'closed', lastError: null, server: null, opened: null, monitor: null }))
    return runtime
  }

  private setState(id: string, state: ConnectionState, lastError: AppErrorData | null) {
    const runtime = this.runtimeOf(id)
    runtime.state = state
    runtime.lastError = lastError
    if (state === 'closed' || state === 'failed') runtime.server = null
    this.changed()
  }

  /** Tell listeners the current list now. */
  changed(): void {
    this.vitals.publishNow()
  }
}
