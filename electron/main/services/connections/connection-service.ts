/**
 * Connection profiles, their secrets, and one pg.Pool per open connection.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { ParsedRequestInput } from '../../../../shared/contract'
import type { ConnectionDraft, ConnectionProfile } from '../../../../shared/connections/connection-profile'
import type { ConnectionState, ConnectionSummary, ConnectionTestResult, PoolStats, ServerInfo } from '../../../../shared/connections/connection-status'
import { describeConnectionFailure, isConnectionLost, type DriverError } from '../../../../shared/connections/connection-failure'
import { AppError, type AppErrorData } from '../../../../shared/rpc/app-error'
import { sandboxConnectionId } from '../../../../shared/sandbox/sandbox-status'
import type { SecretStore } from '../secrets/secret-store'
import { clientConfig, sslFor, type SslChoice } from './client-config'
import { ProfileStore } from './profile-store'
import { ReconnectMonitor } from './reconnect-monitor'

export interface SandboxLink {
  ensureReady(): Promise<{ host: string; port: number; database: string; user: string; password: string }>
}

export interface ConnectionServiceOptions {
  dataDir: string
  secrets: SecretStore
  sandbox: SandboxLink | null
  onChange: (list: ConnectionSummary[]) => void
  /** How often pool figures are re-sent while a pool is open. */
  statsIntervalMs?: number
}

interface OpenConnection {
  pool: pg.Pool
  server: ServerInfo
  monitor: ReconnectMonitor
}

interface Runtime {
  state: ConnectionState
  lastError: AppErrorData | null
  open: OpenConnection | null
}

export class ConnectionService {
  private readonly store: ProfileStore
  private readonly runtime = new Map<string, Runtime>()
  /** Passwords typed this run but not saved: reused for reconnects and re-opens. */
  private readonly sessionPasswords = new Map<string, string>()
  private sandboxInfo: Awaited<ReturnType<SandboxLink['ensureReady']>> | null = null
  private readonly statsTimer: NodeJS.Timeout
  private lastStatsKey = ''

  constructor(private readonly options: ConnectionServiceOptions) {
    this.store = new ProfileStore(options.dataDir)
    this.statsTimer = setInterval(() => this.publishStatsIfChanged(), options.statsIntervalMs ?? 1000)
    this.statsTimer.unref()
  }

  /** A warning to show once, e.g. when saved profiles could not be read. */
  get loadWarning(): string | null {
    return this.store.loadWarning
  }

  list(): ConnectionSummary[] {
    return this.profiles().map((profile) => this.summary(profile))
  }

  async save(input: ParsedRequestInput<'connections.save'>): Promise<ConnectionProfile> {
    if (input.id === sandboxConnectionId) {
      await this.store.setSandboxSettings({ readOnly: input.draft.readOnly, colorTag: input.draft.colorTag })
      const profile = this.profileOf(sandboxConnectionId)
      this.changed()
      return profile
    }
    const existing = input.id ? this.store.find(input.id) : undefined
    if (input.id && !existing) throw new AppError({ code: 'conn/unknown-profile', message: 'This connection no longer exists' })
    const id = existing?.id ?? randomUUID()
    if (input.password !== undefined) {
      if (input.savePassword && input.password !== '') await this.options.secrets.set(id, input.password)
      else await this.options.secrets.delete(id)
      if (input.password !== '') this.sessionPasswords.set(id, input.password)
      else this.sessionPasswords.delete(id)
    } else if (!input.savePassword) {
      await this.options.secrets.delete(id)
    }
    const hasSavedPassword = (await this.options.secrets.get(id)) !== undefined
    const profile: ConnectionProfile = { ...input.draft, id, builtIn: false, hasSavedPassword }
    await this.store.upsert(profile)
    // Settings that shape every session (read-only, timeout, ssl…) apply from the next pool on.
    if (existing && this.runtime.get(id)?.open) await this.reopen(id)
    this.changed()
    return profile
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    if (id === sandboxConnectionId) throw new AppError({ code: 'conn/built-in', message: 'The sandbox connection is built in and cannot be deleted' })
    await this.closePool(id)
    this.runtime.delete(id)
    this.sessionPasswords.delete(id)
    await this.options.secrets.delete(id)
    const deleted = await this.store.remove(id)
    this.changed()
    return { deleted }
  }

  async test(input: ParsedRequestInput<'connections.test'>): Promise<ConnectionTestResult> {
    let draft: ConnectionDraft
    let password = input.password
    if ('draft' in input) {
      draft = input.draft
    } else {
      draft = this.profileOf(input.id)
      password ??= await this.passwordFor(input.id)
    }
    const started = performance.now()
    try {
      const { server } = await this.connectOnce(draft, password)
      return { ok: true, server, latencyMs: Math.round(performance.now() - started) }
    } catch (error) {
      return { ok: false, error: AppError.is(error) ? error.data : describeConnectionFailure(error as DriverError, draft) }
    }
  }

  async open(id: string, password?: string): Promise<ConnectionSummary> {
    const profile = this.profileOf(id)
    if (password !== undefined && password !== '') this.sessionPasswords.set(id, password)
    if (this.runtime.get(id)?.open) return this.summary(profile)
    this.setState(id, 'connecting', null)
    try {
      const resolved = await this.resolveTarget(profile)
      const { server, ssl } = await this.connectOnce(resolved.draft, resolved.password)
      const pool = new pg.Pool({
        ...clientConfig(resolved.draft, resolved.password, { ssl }),
        max: profile.poolMax,
        idleTimeoutMillis: profile.poolIdleTimeoutMs
      })
      const monitor = new ReconnectMonitor(
        async () => {
          await pool.query('select 1')
        },
        () => this.setState(id, 'connected', null)
      )
      // An idle client dying (server restart, network drop) is reported here, not thrown.
      pool.on('error', (error) => this.reportFailure(id, error))
      this.runtimeOf(id).open = { pool, server, monitor }
      this.setState(id, 'connected', null)
    } catch (error) {
      const data = AppError.is(error) ? error.data : describeConnectionFailure(error as DriverError, profile)
      this.setState(id, 'failed', data)
      throw new AppError(data)
    }
    return this.summary(this.profileOf(id))
  }

  async close(id: string): Promise<ConnectionSummary> {
    const profile = this.profileOf(id)
    await this.closePool(id)
    this.setState(id, 'closed', null)
    return this.summary(profile)
  }

  async setReadOnly(id: string, readOnly: boolean): Promise<ConnectionSummary> {
    const profile = this.profileOf(id)
    if (id === sandboxConnectionId) await this.store.setSandboxSettings({ ...this.store.sandboxSettings, readOnly })
    else await this.store.upsert({ ...profile, readOnly })
    // A new pool: every session from now on honours the flag at the server.
    if (this.runtime.get(id)?.open) await this.reopen(id)
    this.changed()
    return this.summary(this.profileOf(id))
  }

  /** The pool of an open connection, for the other services. */
  pool(id: string): pg.Pool {
    const open = this.runtime.get(id)?.open
    if (!open) throw new AppError({ code: 'conn/not-open', message: 'This connection is not open' })
    return open.pool
  }

  /** Called by services when a query failed: a lost connection starts the reconnect loop. */
  reportFailure(id: string, error: unknown): void {
    const runtime = this.runtime.get(id)
    if (!runtime?.open || !isConnectionLost(error as DriverError)) return
    if (runtime.state !== 'reconnecting') {
      const profile = this.profileOf(id)
      this.setState(id, 'reconnecting', describeConnectionFailure(error as DriverError, profile))
    }
    runtime.open.monitor.start()
  }

  async dispose(): Promise<void> {
    clearInterval(this.statsTimer)
    await Promise.all([...this.runtime.keys()].map((id) => this.closePool(id)))
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
      database: 'sandbox',
      user: 'postgres',
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
    if (!profile) throw new AppError({ code: 'conn/unknown-profile', message: 'This connection does not exist' })
    return profile
  }

  private async passwordFor(id: string): Promise<string | undefined> {
    return this.sessionPasswords.get(id) ?? (await this.options.secrets.get(id))
  }

  private async resolveTarget(profile: ConnectionProfile): Promise<{ draft: ConnectionDraft; password: string | undefined }> {
    if (profile.id !== sandboxConnectionId) return { draft: profile, password: await this.passwordFor(profile.id) }
    if (!this.options.sandbox) throw new AppError({ code: 'sandbox/absent', message: 'The sandbox is not available here' })
    this.sandboxInfo = await this.options.sandbox.ensureReady()
    const { password, ...where } = this.sandboxInfo
    return { draft: { ...profile, ...where }, password }
  }

  /** One client, not the pool: for tests and for the first contact of a pool. */
  private async connectOnce(draft: ConnectionDraft, password: string | undefined): Promise<{ server: ServerInfo; ssl: SslChoice }> {
    const attempt = async (ssl: SslChoice) => {
      const client = new pg.Client(clientConfig(draft, password, { ssl }))
      client.on('error', () => {})
      try {
        await client.connect()
        const result = await client.query<{ v: string; n: string }>("select current_setting('server_version') as v, current_setting('server_version_num') as n")
        const row = result.rows[0]!
        return { server: { version: row.v.split(' ')[0]!, versionNum: Number(row.n) }, ssl }
      } finally {
        await client.end().catch(() => undefined)
      }
    }
    try {
      return await attempt(sslFor(draft, true))
    } catch (error) {
      // "prefer": a server without SSL is fine, without encryption.
      if (draft.sslMode === 'prefer' && /does not support SSL/i.test((error as Error).message)) return attempt(false)
      throw error
    }
  }

  private async reopen(id: string): Promise<void> {
    await this.closePool(id)
    await this.open(id).catch(() => undefined)
  }

  private async closePool(id: string): Promise<void> {
    const runtime = this.runtime.get(id)
    const open = runtime?.open
    if (!runtime || !open) return
    runtime.open = null
    open.monitor.stop()
    await open.pool.end().catch(() => undefined)
  }

  private runtimeOf(id: string): Runtime {
    let runtime = this.runtime.get(id)
    if (!runtime) this.runtime.set(id, (runtime = { state: 'closed', lastError: null, open: null }))
    return runtime
  }

  private setState(id: string, state: ConnectionState, lastError: AppErrorData | null) {
    const runtime = this.runtimeOf(id)
    runtime.state = state
    runtime.lastError = lastError
    this.changed()
  }

  private summary(profile: ConnectionProfile): ConnectionSummary {
    const runtime = this.runtime.get(profile.id)
    return {
      profile,
      state: runtime?.state ?? 'closed',
      pool: runtime?.open ? poolStats(runtime.open.pool) : null,
      server: runtime?.open?.server ?? null,
      lastError: runtime?.lastError ?? null
    }
  }

  private changed() {
    const list = this.list()
    this.lastStatsKey = statsKey(list)
    this.options.onChange(list)
  }

  private publishStatsIfChanged() {
    if (![...this.runtime.values()].some((r) => r.open)) return
    const list = this.list()
    const key = statsKey(list)
    if (key === this.lastStatsKey) return
    this.lastStatsKey = key
    this.options.onChange(list)
  }
}

function poolStats(pool: pg.Pool): PoolStats {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }
}

function statsKey(list: ConnectionSummary[]): string {
  return list.map((c) => `${c.profile.id}:${c.state}:${c.pool ? `${c.pool.total}/${c.pool.idle}/${c.pool.waiting}` : '-'}`).join('|')
}
