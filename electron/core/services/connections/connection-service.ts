/**
 * The connections capability as the contract sees it: list, save, delete,
 * test, open, close, read-only.
 *
 * Two parts do the work: the ProfileBook (profiles, passwords, the sandbox
 * profile) and the ConnectionSupervisor (pools, states, reconnecting, signs
 * of life). This class puts each request's steps in order, and is the
 * PoolProvider the composition root hands to every other service.
 * Passwords go in (typed or saved) and never come out: summaries carry
 * `hasSavedPassword` only.
 */
import type pg from 'pg'
import type { ParsedRequestInput } from '@shared/api/contract'
import type { ConnectionDraft, ConnectionProfile } from '@shared/connections/connection-profile'
import type { ConnectionSummary, ConnectionTestResult } from '@shared/connections/connection-status'
import { describeConnectionFailure, type DriverError } from '@shared/connections/connection-failure'
import { AppError, type AppErrorData } from '@shared/base/app-error'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import type { PoolProvider } from '../../postgres/pool-provider'
import type { PasswordSource } from './client-config'
import { ConnectionSupervisor } from './connection-supervisor'
import { ProfileBook, type SandboxLink, type SavedPasswords } from './profile-book'
import { connectOnce } from './server-probe'

export type { SandboxLink } from './profile-book'

export interface ConnectionServiceOptions {
  dataDir: string
  secrets: SavedPasswords
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

export class ConnectionService implements PoolProvider {
  private readonly book: ProfileBook
  private readonly supervisor: ConnectionSupervisor
  private readonly connectTimeoutMs: number

  constructor(options: ConnectionServiceOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000
    this.book = new ProfileBook(options)
    this.supervisor = new ConnectionSupervisor({
      book: this.book,
      onChange: options.onChange,
      connectTimeoutMs: this.connectTimeoutMs,
      statsIntervalMs: options.statsIntervalMs,
      reconnectDelays: options.reconnectDelays,
      heartbeatMs: options.heartbeatMs
    })
  }

  /** A warning to show once, e.g. when saved profiles could not be read. */
  get loadWarning(): string | null {
    return this.book.loadWarning
  }

  list(): ConnectionSummary[] {
    return this.supervisor.list()
  }

  async save(input: ParsedRequestInput<'connections.save'>): Promise<ConnectionProfile> {
    const { profile, reshaped } = await this.book.save(input)
    await this.supervisor.profileChanged(profile.id, reshaped)
    // The sandbox's profile follows its server, which a new pool may have moved.
    return profile.id === sandboxConnectionId ? this.book.get(sandboxConnectionId) : profile
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    if (id === sandboxConnectionId) throw new AppError({ code: 'conn/built-in', message: 'The sandbox connection is built in and cannot be deleted.' })
    await this.supervisor.forget(id)
    const deleted = await this.book.remove(id)
    this.supervisor.changed()
    return { deleted }
  }

  async test(input: ParsedRequestInput<'connections.test'>): Promise<ConnectionTestResult> {
    let draft: ConnectionDraft = 'draft' in input ? input.draft : this.book.get(input.id)
    const started = performance.now()
    try {
      let password: PasswordSource = input.password
      if ('id' in input) {
        const target = await this.book.resolveTarget(this.book.get(input.id))
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
    this.book.get(id)
    this.book.rememberPassword(id, password)
    return this.supervisor.open(id)
  }

  close(id: string): Promise<ConnectionSummary> {
    return this.supervisor.close(id)
  }

  /** Persist the flag; an open connection gets a new pool, so every session from now on honours it. */
  async setReadOnly(id: string, readOnly: boolean): Promise<ConnectionSummary> {
    if (await this.book.setReadOnly(id, readOnly)) await this.supervisor.profileChanged(id, true)
    return this.supervisor.summary(this.book.get(id))
  }

  /** The pool of an open connection, for the other services. */
  pool(id: string): pg.Pool {
    return this.supervisor.pool(id)
  }

  isReadOnly(id: string): boolean {
    return this.supervisor.isReadOnly(id)
  }

  reportFailure(id: string, error: unknown): AppErrorData | null {
    return this.supervisor.reportFailure(id, error)
  }

  dispose(): Promise<void> {
    return this.supervisor.dispose()
  }
}
