/**
 * The connections the user has: saved profiles, their passwords, and the built-in sandbox.
 *
 * Everything about a connection that is not a live session: what is on disk
 * (profiles, the sandbox's few settings), what is in the secret store, the
 * passwords typed this run, and where a profile really goes right now (the
 * sandbox's port and password are only known once it runs). Passwords go in
 * and are handed to new sessions; they never come out in a profile.
 */
import { randomUUID } from 'node:crypto'
import type { ParsedRequestInput } from '@shared/api/contract'
import type { ConnectionDraft, ConnectionProfile } from '@shared/connections/connection-profile'
import { AppError } from '@shared/base/app-error'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import type { PasswordSource } from './client-config'
import { ProfileStore } from './profile-store'

/**
 * Where saved passwords live, keyed by profile id: the host's SecretStore,
 * handed over by the composition root (this service needs only these three).
 */
export interface SavedPasswords {
  /** False for a store that starts empty every run: then no profile from disk has a saved password. */
  readonly keptAcrossRuns: boolean
  get(id: string): Promise<string | undefined>
  set(id: string, password: string): Promise<void>
  delete(id: string): Promise<void>
}

export interface SandboxLink {
  ensureReady(): Promise<{ host: string; port: number; database: string; user: string; password: string }>
}

/** Where a connection really goes, and how its sessions get the current password. */
export interface Target {
  draft: ConnectionDraft
  password: PasswordSource
}

type SandboxInfo = Awaited<ReturnType<SandboxLink['ensureReady']>>

/** Fields that shape every session: changing one while open means a new pool. */
const sessionFields = ['host', 'port', 'database', 'user', 'sslMode', 'sslRootCertPath', 'statementTimeoutMs', 'readOnly', 'poolMax', 'poolIdleTimeoutMs'] as const

export class ProfileBook {
  private readonly store: ProfileStore
  /** Passwords typed this run but not saved: reused for new sessions, reconnects and re-opens. */
  private readonly sessionPasswords = new Map<string, string>()
  private sandboxInfo: SandboxInfo | null = null
  /** Profiles whose password went into the secret store this run (what a store that forgets at exit holds). */
  private readonly savedThisRun = new Set<string>()

  constructor(private readonly options: { dataDir: string; secrets: SavedPasswords; sandbox: SandboxLink | null }) {
    this.store = new ProfileStore(options.dataDir)
  }

  /** A warning to show once, e.g. when saved profiles could not be read. */
  get loadWarning(): string | null {
    return this.store.loadWarning
  }

  /** The sandbox first (where there is one), then the saved profiles in their order. */
  profiles(): ConnectionProfile[] {
    const sandbox = this.options.sandbox ? [this.sandboxProfile()] : []
    return [...sandbox, ...this.store.profiles.map((profile) => this.withSavedPasswordFlag(profile))]
  }

  /** The disk says what was saved; a store that forgets at exit only knows this run's passwords. */
  private withSavedPasswordFlag(profile: ConnectionProfile): ConnectionProfile {
    if (this.options.secrets.keptAcrossRuns || !profile.hasSavedPassword || this.savedThisRun.has(profile.id)) return profile
    return { ...profile, hasSavedPassword: false }
  }

  find(id: string): ConnectionProfile | undefined {
    return this.profiles().find((p) => p.id === id)
  }

  get(id: string): ConnectionProfile {
    const profile = this.find(id)
    if (!profile) throw unknownProfile()
    return profile
  }

  isReadOnly(id: string): boolean {
    return this.find(id)?.readOnly ?? false
  }

  /** Keep a password typed for this run (an empty one means none). */
  rememberPassword(id: string, password: string | undefined): void {
    if (password !== undefined && password !== '') this.sessionPasswords.set(id, password)
  }

  /**
   * Create or update a profile and its saved password.
   *
   * `reshaped` says whether an open connection needs a new pool: a field that
   * shapes every session changed (a new password does not: each new session
   * asks for the current one).
   */
  async save(input: ParsedRequestInput<'connections.save'>): Promise<{ profile: ConnectionProfile; reshaped: boolean }> {
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
    if (hasSavedPassword) this.savedThisRun.add(id)
    else this.savedThisRun.delete(id)
    const { sslRootCertPath, ...rest } = input.draft
    const profile: ConnectionProfile = { ...rest, ...(sslRootCertPath ? { sslRootCertPath } : {}), id, builtIn: false, hasSavedPassword }
    await this.store.upsert(profile)
    const reshaped = existing !== undefined && sessionFields.some((field) => existing[field] !== profile[field])
    return { profile, reshaped }
  }

  /** Forget a saved profile and every password of it; the sandbox cannot be removed. */
  async remove(id: string): Promise<boolean> {
    this.sessionPasswords.delete(id)
    await this.options.secrets.delete(id)
    return this.store.remove(id)
  }

  /** Persist the read-only flag; true when it changed. */
  async setReadOnly(id: string, readOnly: boolean): Promise<boolean> {
    const profile = this.get(id)
    if (profile.readOnly === readOnly) return false
    if (id === sandboxConnectionId) await this.store.setSandboxSettings({ ...this.store.sandboxSettings, readOnly })
    else await this.store.upsert({ ...profile, readOnly })
    return true
  }

  /** Where the profile goes now; for the sandbox, starts it first and reads its current address. */
  async resolveTarget(profile: ConnectionProfile): Promise<Target> {
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

  private async saveSandbox(draft: ConnectionDraft): Promise<{ profile: ConnectionProfile; reshaped: boolean }> {
    // Built in: only the colour and the read-only flag are the user's to change.
    const before = this.store.sandboxSettings
    await this.store.setSandboxSettings({ readOnly: draft.readOnly, colorTag: draft.colorTag })
    return { profile: this.get(sandboxConnectionId), reshaped: before.readOnly !== draft.readOnly }
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
}

export function unknownProfile(): AppError {
  return new AppError({ code: 'conn/unknown-profile', message: 'This connection does not exist (any more).' })
}
