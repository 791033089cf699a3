/**
 * Connection profiles, their secrets, and one pg.Pool per open connection.
 *
 * The service owns each connection's state (closed → connecting → connected ⇄
 * reconnecting, or failed) and tells the UI about every change through
 * `onChange`, pool figures included. Passwords go in (typed or saved) and
 * never come out: summaries carry `hasSavedPassword` only.
 */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { ParsedRequestInput } from '@shared/api/contract'
import type { ConnectionDraft, ConnectionProfile } from '@shared/connections/connection-profile'
import type { ConnectionState, ConnectionSummary, ConnectionTestResult, ServerInfo } from '@shared/connections/connection-status'
import { classifyConnectionFailure, connectionFailureCodes, describeConnectionFailure, isServerUnavailable, type DriverError } from '@shared/connections/connection-failure'
import { AppError, type AppErrorData } from '@shared/base/app-error'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import type { SecretStore } from '../secrets/secret-store'
import { clientConfig, sslFor, type PasswordSource, type SslChoice } from './client-config'
import { PoolRegistry } from './pool-registry'
import { ProfileStore } from './profile-store'
import { ReconnectMonitor } from './reconnect-monitor'
import { connectOnce, isTimeout, readServerInfo, shouldRetryWithoutSsl, withTimeout } from './server-probe'

export interface SandboxLink {
  ensureReady(): Promise<{ host: string; port: number; database: string; user: string; password: string }>
}

export interface ConnectionServiceOptions {
  dataDir: string
  secrets: SecretStore
  sandbox: SandboxLink | null
  onChange: (list: ConnectionSummary[]) => void
  /** How often pool figures are checked (and re-sent when they changed) while a pool is open; default 1 s. */
  statsIntervalMs?: number
  /** Connect timeout of every session, tests included; default 10 s. */
  connectTimeoutMs?: number
  /** Pause before the first reconnect probe and the longest pause; default 0.5 s and 5 s. */
  reconnectDelays?: { firstMs: number; maxMs: number }
  /**
   * How often an idle open connection checks that its server still answers
   * (`select 1`); default 15 s, 0 to never. Catches networks that drop
   * silently, where no socket error ever arrives.
   */
  heartbeatMs?: number
}

/** Where a connection really goes (the sandbox's port and password are only known once it runs). */
interface Target {
  draft: ConnectionDraft
  password: PasswordSource
}

interface Runtime {
  state: ConnectionState
  lastError: AppErrorData | null
  server: ServerInfo | null
  /** The target and SSL choice of the open pool. */
  opened: { draft: ConnectionDraft; ssl: SslChoice } | null
  monitor: ReconnectMonitor | null
  /** A heartbeat query is under way. */
  beating: boolean
}

type SandboxInfo = Awaited<ReturnType<SandboxLink['ensureReady']>>

/** Fields that shape every session: changing one while open means a new pool. */
const sessionFields = ['host', 'port', 'database', 'user', 'sslMode', 'sslRootCertPath', 'statementTimeoutMs', 'readOnly', 'poolMax', 'poolIdleTimeoutMs'] as const

export class ConnectionService {
  private readonly store: ProfileStore
  private readonly pools = new PoolRegistry()
  private readonly runtime = new Map<string, Runtime>()
  private readonly opening = new Map<string, Promise<ConnectionSummary>>()
  /** Passwords typed this run but not saved: reused for new sessions, reconnects and re-opens. */
  private readonly sessionPasswords = new Map<string, string>()
  private sandboxInfo: SandboxInfo | null = null
  private readonly statsTimer: NodeJS.Timeout
  private readonly heartbeatTimer: NodeJS.Timeout | null
  private lastPublished = ''
  private disposed = false

  constructor(private readonly options: ConnectionServiceOptions) {
    this.store = new ProfileStore(options.dataDir)
    this.statsTimer = setInterval(() => this.publishIfStatsChanged(), options.statsIntervalMs ?? 1000)
    this.statsTimer.unref()
    const heartbeatMs = options.heartbeatMs ?? 15_000
    this.heartbeatTimer = heartbeatMs > 0 ? setInterval(() => this.heartbeats(), heartbeatMs) : null
    this.heartbeatTimer?.unref()
  }

  /** A warning to show once, e.g. when saved profiles could not be read. */
  get loadWarning(): string | null {
    return this.store.loadWarning
  }

  list(): ConnectionSummary[] {
    return this.profiles().map((profile) => this.summary(profile))
  }

  async save(input: ParsedRequestInput<'connections.save'>): Promise<ConnectionProfile> {
    if (input.id === sandboxConnectionId) return this.saveSandbox(input.draft)
    const existing = input.id ? this.store.find(input.id) : undefined
    if (input.id && !existing) throw unknownProfile()
    const id = existing?.id ?? randomUUID()
    const secrets = this.options.secrets
    try {
      if (input.password !== undefined) {
        if (input.savePassword && input.password !== '') await secrets.set(id, input.password)
        else await secrets.delete(id)
        if (input.password !== '') this.sessionPasswords.set(id, input.password)
        else this.sessionPasswords.delete(id)
      } else if (!input.savePassword) {
        // "Save password" unticked without typing one: forget the saved one, keep this run's.
        const saved = await secrets.get(id)
        if (saved !== undefined && !this.sessionPasswords.has(id)) this.sessionPasswords.set(id, saved)
        await secrets.delete(id)
      }
    } catch (error) {
      throw new AppError({ code: 'secrets/failed', message: 'The password could not be saved; the connection was not changed.', detail: (error as Error).message })
    }
    const hasSavedPassword = (await secrets.get(id)) !== undefined
    const { sslRootCertPath, ...rest } = input.draft
    const profile: ConnectionProfile = { ...rest, ...(sslRootCertPath ? { sslRootCertPath } : {}), id, builtIn: false, hasSavedPassword }
    await this.store.upsert(profile)
    // A new password needs no new pool: each new session asks for the current one.
    const reshaped = existing !== undefined && sessionFields.some((field) => existing[field] !== profile[field])
    if (this.pools.has(id) && reshaped) await this.rebuild(id)
    else this.changed()
    return profile
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    if (id === sandboxConnectionId) throw new AppError({ code: 'conn/built-in', message: 'The sandbox connection is built in and cannot be deleted.' })
    await this.shutdown(id)
    this.runtime.delete(id)
    this.sessionPasswords.delete(id)
    await this.options.secrets.delete(id)
    const deleted = await this.store.remove(id)
    this.changed()
    return { deleted }
  }

  async test(input: ParsedRequestInput<'connections.test'>): Promise<ConnectionTestResult> {
    let draft: ConnectionDraft = 'draft' in input ? input.draft : this.profileOf(input.id)
    const started = performance.now()
    try {
      let password: PasswordSource = input.password
      if ('id' in input) {
        const target = await this.resolveTarget(this.profileOf(input.id))
        draft = target.draft
        if (password === undefined) password = target.password
      }
      const { server } = await connectOnce(draft, password, this.connectTimeoutMs)
      return { ok: true, server, latencyMs: Math.round(performance.now() - started) }
    } catch (error) {
      return { ok: false, error: AppError.is(error) ? error.data : describeConnectionFailure(error as DriverError, draft) }
    }
  }

  /** Create the connection's pool and run a first query; a password given here is kept for this run. */
  open(id: string, password?: string): Promise<ConnectionSummary> {
    const profile = this.profileOf(id)
    if (password !== undefined && password !== '') this.sessionPasswords.set(id, password)
    const pending = this.opening.get(id)
    if (pending) return pending
    const state = this.runtime.get(id)?.state
    if (this.pools.has(id) && (state === 'connected' || state === 'reconnecting')) return Promise.resolve(this.summary(profile))
    const opening = this.doOpen(id).finally(() => this.opening.delete(id))
    this.opening.set(id, opening)
    return opening
  }

  async close(id: string): Promise<ConnectionSummary> {
    const profile = this.profileOf(id)
    await this.opening.get(id)?.catch(() => undefined)
    await this.shutdown(id)
    this.setState(id, 'closed', null)
    return this.summary(profile)
  }

  /** Persist the flag; an open connection gets a new pool, so every session from now on honours it. */
  async setReadOnly(id: string, readOnly: boolean): Promise<ConnectionSummary> {
    const profile = this.profileOf(id)
    if (profile.readOnly !== readOnly) {
      if (id === sandboxConnectionId) await this.store.setSandboxSettings({ ...this.store.sandboxSettings, readOnly })
      else await this.store.upsert({ ...profile, readOnly })
      if (this.pools.has(id)) await this.rebuild(id)
      else this.changed()
    }
    return this.summary(this.profileOf(id))
  }

  /** The pool of an open connection, for the other services. */
  pool(id: string): pg.Pool {
    const pool = this.pools.get(id)
    if (pool) return pool
    const profile = this.profiles().find((p) => p.id === id)
    if (!profile) throw unknownProfile()
    const runtime = this.runtime.get(id)
    if (runtime?.state === 'reconnecting' && runtime.lastError) {
      throw new AppError({ ...runtime.lastError, message: `${runtime.lastError.message} Reconnecting…` })
    }
    throw new AppError({ code: 'conn/not-open', message: `The connection "${profile.name}" is not open.`, hint: 'Open it first.' })
  }

  /** Whether sessions of this connection are read-only (services re-check it on clients they give back). */
  isReadOnly(id: string): boolean {
    return this.profiles().find((p) => p.id === id)?.readOnly ?? false
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
    const profile = this.profiles().find((p) => p.id === id)
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
    clearInterval(this.statsTimer)
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
    for (const runtime of this.runtime.values()) runtime.monitor?.stop()
    await Promise.allSettled([...this.opening.values()])
    await this.pools.closeAll()
  }

  private async saveSandbox(draft: ConnectionDraft): Promise<ConnectionProfile> {
    // Built in: only the colour and the read-only flag are the user's to change.
    const before = this.store.sandboxSettings
    await this.store.setSandboxSettings({ readOnly: draft.readOnly, colorTag: draft.colorTag })
    if (before.readOnly !== draft.readOnly && this.pools.has(sandboxConnectionId)) await this.rebuild(sandboxConnectionId)
    else this.changed()
    return this.profileOf(sandboxConnectionId)
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
    return this.summary(this.profileOf(id))
  }

  /**
   * A new pool for the connection (replacing any), proven by a first query.
   *
   * With sslmode "prefer" the pool first tries SSL and, when the server does
   * not offer it, is made again without. On failure no pool is left behind.
   */
  private async connectPool(id: string): Promise<void> {
    const profile = this.profileOf(id)
    const target = await this.resolveTarget(profile)
    const runtime = this.runtimeOf(id)
    const attempt = async (ssl: SslChoice) => {
      const config = clientConfig(target.draft, target.password, { ssl, connectTimeoutMs: this.connectTimeoutMs })
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
    return new ReconnectMonitor({
      ...(this.options.reconnectDelays ? { firstDelayMs: this.options.reconnectDelays.firstMs, maxDelayMs: this.options.reconnectDelays.maxMs } : {}),
      probe: async () => {
        const runtime = this.runtimeOf(id)
        const target = await this.resolveTarget(this.profileOf(id))
        const pool = this.pools.get(id)
        const moved = runtime.opened && (runtime.opened.draft.host !== target.draft.host || runtime.opened.draft.port !== target.draft.port)
        if (!pool || moved) {
          // No pool left, or the sandbox came back on another port: a pool for where it is now.
          await this.connectPool(id)
          return
        }
        try {
          runtime.server = await withTimeout(readServerInfo(pool), this.connectTimeoutMs, 'The reconnect probe')
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
        void this.pools.close(id)
        this.setState(id, 'failed', this.describe(id, error))
      }
    })
  }

  /** Each connected, idle-enough connection asks its server for a sign of life. */
  private heartbeats() {
    for (const [id, runtime] of this.runtime) {
      const pool = this.pools.get(id)
      // A pool with queries waiting is busy enough to notice a dead server by itself.
      if (!pool || runtime.state !== 'connected' || runtime.beating || pool.waitingCount > 0) continue
      runtime.beating = true
      withTimeout(pool.query('select 1'), this.connectTimeoutMs, 'The keep-alive query')
        .catch((error: unknown) => {
          if (this.pools.get(id) === pool) this.reportFailure(id, error)
        })
        .finally(() => {
          runtime.beating = false
        })
    }
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
    const profile = this.profiles().find((p) => p.id === id)
    const where = this.runtime.get(id)?.opened?.draft ?? profile
    return where ? describeConnectionFailure(error as DriverError, where) : { code: connectionFailureCodes.other, message: String(error) }
  }

  private get connectTimeoutMs(): number {
    return this.options.connectTimeoutMs ?? 10_000
  }

  private profiles(): ConnectionProfile[] {
    const sandbox = this.options.sandbox ? [this.sandboxProfile()] : []
    return [...sandbox, ...this.store.profiles]
  }

  private sandboxProfile(): ConnectionProfile {
    const settings = this.store.sandboxSettings
    return {
      id: sandboxConnectionId,
      name: 'Sandbox',
      host: '127.0.0.1',
      port: this.sandboxInfo?.port ?? 5432,
      database: this.sandboxInfo?.database ?? 'sandbox',
      user: this.sandboxInfo?.user ?? 'postgres',
      sslMode: 'disable',
      statementTimeoutMs: 0,
      readOnly: settings.readOnly,
      colorTag: settings.colorTag,
      poolMax: 10,
      poolIdleTimeoutMs: 30_000,
      builtIn: true,
      hasSavedPassword: false
    }
  }

  private profileOf(id: string): ConnectionProfile {
    const profile = this.profiles().find((p) => p.id === id)
    if (!profile) throw unknownProfile()
    return profile
  }

  private async resolveTarget(profile: ConnectionProfile): Promise<Target> {
    const { id } = profile
    if (id !== sandboxConnectionId) {
      return { draft: profile, password: async () => this.sessionPasswords.get(id) ?? (await this.options.secrets.get(id)) }
    }
    if (!this.options.sandbox) throw new AppError({ code: 'sandbox/absent', message: 'The sandbox is not available here.' })
    this.sandboxInfo = await this.options.sandbox.ensureReady()
    const { password: _password, ...where } = this.sandboxInfo
    // The sandbox's password changes at each of its starts: read the current one per session.
    return { draft: { ...this.sandboxProfile(), ...where }, password: async () => this.sandboxInfo?.password }
  }

  private runtimeOf(id: string): Runtime {
    let runtime = this.runtime.get(id)
    if (!runtime) this.runtime.set(id, (runtime = { state: 'closed', lastError: null, server: null, opened: null, monitor: null, beating: false }))
    return runtime
  }

  private setState(id: string, state: ConnectionState, lastError: AppErrorData | null) {
    const runtime = this.runtimeOf(id)
    runtime.state = state
    runtime.lastError = lastError
    if (state === 'closed' || state === 'failed') runtime.server = null
    this.changed()
  }

  private summary(profile: ConnectionProfile): ConnectionSummary {
    const runtime = this.runtime.get(profile.id)
    return {
      profile,
      state: runtime?.state ?? 'closed',
      pool: this.pools.stats(profile.id),
      server: runtime?.server ?? null,
      lastError: runtime?.lastError ?? null
    }
  }

  private changed() {
    const list = this.list()
    this.lastPublished = JSON.stringify(list)
    try {
      this.options.onChange(list)
    } catch {
      // A listener's failure must not break a connection's state machine.
    }
  }

  /** At most once per interval, and only when a figure really changed. */
  private publishIfStatsChanged() {
    if (this.pools.size === 0) return
    const list = this.list()
    const key = JSON.stringify(list)
    if (key === this.lastPublished) return
    this.lastPublished = key
    try {
      this.options.onChange(list)
    } catch {
      // As above.
    }
  }
}

function unknownProfile(): AppError {
  return new AppError({ code: 'conn/unknown-profile', message: 'This connection does not exist (any more).' })
}
