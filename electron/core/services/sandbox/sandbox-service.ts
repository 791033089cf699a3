/**
 * The built-in sandbox: a real PostgreSQL with a teaching dataset, no setup.
 *
 * First start: initdb, start, create the `sandbox` database and seed it from
 * resources/sandbox/*.sql with progress (sandbox-seed.ts). Later starts: the
 * server only (warm start). While it is ready, a ServerWatch notices the server
 * dying (killed, crashed) and starts it again, with a notice in the status, so
 * the open connections find it back by themselves. Reset drops the dataset and
 * seeds it again.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError, toAppErrorData, type AppErrorData } from '@shared/base/app-error'
import { psqlCommand, type SandboxDetails } from '@shared/sandbox/sandbox-details'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'
import { EmbeddedCluster } from './embedded-cluster'
import { embeddedBinaries, type PostgresBinaries } from './postgres-binaries'
import { datasetFingerprint, isSeeded, loadSeedSteps, sandboxDatabase, seedDataset } from './sandbox-seed'
import { ServerWatch } from './server-watch'

export interface SandboxConnectionInfo {
  host: string
  port: number
  database: string
  user: string
  password: string
}

export interface SandboxServiceOptions {
  /** PGDATA lives at `<rootDir>/pgdata`. */
  rootDir: string
  /** Folder holding `sandbox/*.sql`; defaults to the repository's `resources/`. */
  resourcesDir?: string
  binaries?: PostgresBinaries
  /** How often the running server is checked for life (default 1 s). */
  watchIntervalMs?: number
  onStatus?: (status: SandboxStatus) => void
}

interface StartPlan {
  /** Drop the dataset and seed it again (Reset). */
  reseed?: boolean
  /** The server died under us: say so while it starts again. */
  recovering?: boolean
}

/** Thrown inside a start that stop() interrupted; never reaches a caller. */
class StartAborted extends Error {}

export class SandboxService {
  private current: SandboxStatus = { phase: 'stopped', progress: 0, message: 'Not started', port: null, serverVersion: null, error: null, restarts: 0, notice: null }
  private cluster: EmbeddedCluster | null = null
  private starting: Promise<SandboxStatus> | null = null
  private stopping: Promise<void> | null = null
  private abortStart = false
  private readonly watch: ServerWatch

  constructor(private readonly options: SandboxServiceOptions) {
    this.watch = new ServerWatch({
      postmasterPid: async () => (await this.cluster?.postmasterPid()) ?? null,
      onDeath: () => void this.recover(),
      intervalMs: options.watchIntervalMs
    })
  }

  status(): SandboxStatus {
    return this.current
  }

  /** Idempotent: concurrent callers share one start (or restart, or reset); a start during stop() waits for it. */
  start(): Promise<SandboxStatus> {
    if (this.stopping) return this.stopping.then(() => this.start())
    if (this.starting) return this.starting
    if (this.current.phase === 'ready') return Promise.resolve(this.current)
    return this.begin({})
  }

  connectionInfo(): SandboxConnectionInfo | null {
    const cluster = this.cluster
    if (this.current.phase !== 'ready' || !cluster?.port || !cluster.superuserPassword) return null
    return { host: '127.0.0.1', port: cluster.port, database: sandboxDatabase, user: cluster.superuser, password: cluster.superuserPassword }
  }

  /** The data dir and a psql command line that connects (with the password only when asked). */
  details(revealPassword = false): SandboxDetails {
    const info = this.connectionInfo()
    const password = revealPassword && info ? info.password : null
    return {
      dataDir: this.dataDir(),
      running: info !== null,
      host: info?.host ?? null,
      port: info?.port ?? null,
      user: info?.user ?? this.cluster?.superuser ?? 'postgres',
      database: sandboxDatabase,
      password,
      psql: info ? psqlCommand({ ...info, password }) : null
    }
  }

  /**
   * Drop the sandbox database and seed it again; returns at once, progress comes as status.
   * Every session on it ends (the database is dropped with FORCE); connections reconnect when it is back.
   */
  async reset(): Promise<SandboxStatus> {
    if (this.starting || this.stopping || this.current.phase !== 'ready') {
      throw new AppError({ code: 'sandbox/busy', message: 'The sandbox can be reset only while it is ready.', hint: 'Wait for it to finish starting, then try again.' })
    }
    void this.begin({ reseed: true })
    return this.current
  }

  /** Fast shutdown; safe to call twice or during a start (which it cuts short). */
  stop(): Promise<void> {
    this.watch.stop()
    this.stopping ??= this.doStop().finally(() => {
      this.stopping = null
    })
    return this.stopping
  }

  /** The server died while ready: start it again, and say so. */
  private async recover(): Promise<void> {
    if (this.starting || this.stopping || this.current.phase !== 'ready') return
    await this.begin({ recovering: true })
  }

  private begin(plan: StartPlan): Promise<SandboxStatus> {
    this.watch.stop()
    const run = this.doStart(plan).finally(() => {
      if (this.starting === run) this.starting = null
    })
    this.starting = run
    return run
  }

  private async doStop(): Promise<void> {
    const pending = this.starting
    if (!pending && this.current.phase === 'stopped') return
    if (pending) {
      // Quitting during the first seed must not wait for a million rows: a fast
      // shutdown ends the seeding session, and as the completion marker is never
      // written the next start seeds again from scratch.
      this.abortStart = true
      this.update({ phase: 'stopping', message: 'Stopping the sandbox server' })
      await this.cluster?.stop().catch(() => undefined)
      await pending
      this.abortStart = false
    }
    const cluster = this.cluster
    if (cluster && this.current.phase !== 'stopped') {
      if (this.current.phase !== 'stopping') this.update({ phase: 'stopping', message: 'Stopping the sandbox server' })
      await cluster.stop()
    }
    this.update({ phase: 'stopped', progress: 0, message: 'Stopped', port: null })
  }

  private async doStart(plan: StartPlan): Promise<SandboxStatus> {
    try {
      // The dataset is read first: a missing one fails before any server starts.
      const steps = loadSeedSteps(this.sqlDir())
      const fingerprint = datasetFingerprint(steps)
      const binaries = this.options.binaries ?? (await embeddedBinaries())
      const cluster = (this.cluster ??= new EmbeddedCluster({
        dataDir: this.dataDir(),
        binaries,
        // I/O timings make EXPLAIN (BUFFERS) teach more.
        settings: { track_io_timing: 'on', max_connections: '200' }
      }))
      this.checkAborted()
      if (!(await cluster.isInitialised())) {
        this.update({ phase: 'initialising', progress: 0.02, message: 'Creating the sandbox database cluster (first start)', error: null })
        await cluster.initialise()
        this.checkAborted()
      }
      const reusing = plan.reseed && cluster.port !== null && (await cluster.isRunning())
      if (!reusing) {
        const message = plan.recovering ? 'The sandbox server stopped unexpectedly: starting it again' : 'Starting the sandbox server'
        const restarts = (this.current.restarts ?? 0) + (plan.recovering ? 1 : 0)
        this.update({ phase: 'starting', progress: 0.05, message, error: null, restarts, notice: null })
        await cluster.start()
        this.checkAborted()
      }
      const admin = cluster.socketClient('postgres')
      // A fast shutdown from stop() ends idle sessions too: never let that crash us.
      admin.on('error', () => undefined)
      await admin.connect()
      let serverVersion: string
      try {
        serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version
        if (plan.reseed || !(await isSeeded(cluster, fingerprint))) {
          await seedDataset(cluster, admin, steps, fingerprint, {
            report: (share, message) => this.update({ phase: 'seeding', progress: 0.08 + 0.92 * share, message }),
            checkAborted: () => this.checkAborted()
          })
        }
      } finally {
        await admin.end().catch(() => undefined)
      }
      this.checkAborted()
      this.watch.start()
      const restarts = this.current.restarts ?? 0
      const notice = plan.recovering ? `The sandbox server stopped unexpectedly and was started again (${restarts === 1 ? 'once' : `${restarts} times`} in this run).` : null
      return this.update({ phase: 'ready', progress: 1, message: 'Sandbox ready', port: cluster.port, serverVersion, error: null, notice })
    } catch (error) {
      // stop() owns the status from here on.
      if (this.abortStart) return this.current
      await this.cluster?.stop().catch(() => undefined)
      const data = sandboxErrorData(error)
      return this.update({ phase: 'failed', progress: 0, message: `The sandbox could not start: ${data.message}`, port: null, error: data })
    }
  }

  private checkAborted(): void {
    if (this.abortStart) throw new StartAborted('The sandbox start was cancelled')
  }

  private dataDir(): string {
    return path.join(this.options.rootDir, 'pgdata')
  }

  private sqlDir(): string {
    const here = path.dirname(fileURLToPath(import.meta.url))
    const candidates = this.options.resourcesDir
      ? [path.join(this.options.resourcesDir, 'sandbox')]
      : [
          // Source tree (tests, tsx): electron/core/services/sandbox → repo.
          path.resolve(here, '..', '..', '..', '..', 'resources', 'sandbox'),
          // The bundled main process: out/main → repo.
          path.resolve(here, '..', '..', 'resources', 'sandbox')
        ]
    const found = candidates.find((dir) => existsSync(dir))
    if (!found) throw new AppError({ code: 'sandbox/no-dataset', message: `The sandbox dataset was not found (looked in ${candidates.join(', ')})` })
    return found
  }

  private update(patch: Partial<SandboxStatus>): SandboxStatus {
    this.current = { ...this.current, ...patch }
    this.options.onStatus?.(this.current)
    return this.current
  }
}

function sandboxErrorData(error: unknown): AppErrorData {
  const data = toAppErrorData(error)
  return { ...data, code: data.code.startsWith('rpc/') ? 'sandbox/failed' : data.code }
}
