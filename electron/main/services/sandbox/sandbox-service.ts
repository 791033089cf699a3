/**
 * The built-in sandbox: a real PostgreSQL with a teaching dataset, no setup.
 *
 * First start: initdb, start, create the `sandbox` database and seed it from
 * resources/sandbox/*.sql with progress. Later starts: the server only (warm
 * start). Seeding is recorded in `tusk_meta` when it completes, so a crash
 * mid-seed re-seeds cleanly next time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import { AppError, toAppErrorData } from '../../../../shared/rpc/app-error'
import type { SandboxStatus } from '../../../../shared/sandbox/sandbox-status'
import { EmbeddedCluster } from './embedded-cluster'
import { embeddedBinaries, type PostgresBinaries } from './postgres-binaries'

/** Bump when the dataset changes: older sandboxes are re-seeded. */
export const sandboxDatasetVersion = 1
export const sandboxDatabase = 'sandbox'

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
  /** Folder holding `sandbox/*.sql`. */
  resourcesDir?: string
  binaries?: PostgresBinaries
  onStatus?: (status: SandboxStatus) => void
}

interface SeedStep {
  file: string
  title: string
  weight: number
  sql: string
}

export class SandboxService {
  private current: SandboxStatus = { phase: 'stopped', progress: 0, message: 'Not started', port: null, serverVersion: null, error: null }
  private cluster: EmbeddedCluster | null = null
  private starting: Promise<SandboxStatus> | null = null

  constructor(private readonly options: SandboxServiceOptions) {}

  status(): SandboxStatus {
    return this.current
  }

  /** Idempotent: concurrent callers share one start. */
  start(): Promise<SandboxStatus> {
    if (this.current.phase === 'ready') return Promise.resolve(this.current)
    this.starting ??= this.doStart().finally(() => {
      this.starting = null
    })
    return this.starting
  }

  connectionInfo(): SandboxConnectionInfo | null {
    const cluster = this.cluster
    if (this.current.phase !== 'ready' || !cluster?.port || !cluster.superuserPassword) return null
    return { host: '127.0.0.1', port: cluster.port, database: sandboxDatabase, user: cluster.superuser, password: cluster.superuserPassword }
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined)
    const cluster = this.cluster
    if (!cluster) return
    this.update({ phase: 'stopping', message: 'Stopping the sandbox server' })
    await cluster.stop()
    this.update({ phase: 'stopped', progress: 0, message: 'Stopped', port: null })
  }

  private async doStart(): Promise<SandboxStatus> {
    try {
      const cluster = (this.cluster ??= new EmbeddedCluster({
        dataDir: path.join(this.options.rootDir, 'pgdata'),
        binaries: this.options.binaries ?? (await embeddedBinaries()),
        // I/O timings make EXPLAIN (BUFFERS) teach more.
        settings: { track_io_timing: 'on', max_connections: '200' }
      }))
      if (!(await cluster.isInitialised())) {
        this.update({ phase: 'initialising', progress: 0.02, message: 'Creating the sandbox database cluster (first start)' })
        await cluster.initialise()
      }
      this.update({ phase: 'starting', progress: 0.05, message: 'Starting the sandbox server', error: null })
      const { port } = await cluster.start()
      const admin = cluster.socketClient('postgres')
      await admin.connect()
      let serverVersion: string
      try {
        serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version
        if (!(await this.isSeeded(cluster))) await this.seed(cluster, admin)
      } finally {
        await admin.end()
      }
      return this.update({ phase: 'ready', progress: 1, message: 'Sandbox ready', port, serverVersion, error: null })
    } catch (error) {
      const data = toAppErrorData(error)
      return this.update({
        phase: 'failed',
        progress: 0,
        message: 'The sandbox could not start',
        error: { ...data, code: data.code.startsWith('rpc/') ? 'sandbox/failed' : data.code }
      })
    }
  }

  private async isSeeded(cluster: EmbeddedCluster): Promise<boolean> {
    const client = cluster.socketClient(sandboxDatabase)
    try {
      await client.connect()
      const result = await client.query<{ version: number }>("select dataset_version as version from tusk_meta where key = 'sandbox'")
      return result.rows[0]?.version === sandboxDatasetVersion
    } catch {
      return false
    } finally {
      await client.end().catch(() => undefined)
    }
  }

  private async seed(cluster: EmbeddedCluster, admin: pg.Client): Promise<void> {
    const steps = loadSeedSteps(this.sqlDir())
    const database = admin.escapeIdentifier(sandboxDatabase)
    this.update({ phase: 'seeding', progress: 0.08, message: 'Creating the sandbox database' })
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database}`)
    const client = cluster.socketClient(sandboxDatabase)
    await client.connect()
    try {
      const total = steps.reduce((sum, step) => sum + step.weight, 0)
      let done = 0
      for (const step of steps) {
        this.update({ phase: 'seeding', progress: 0.1 + 0.9 * (done / total), message: step.title })
        await client.query(step.sql)
        done += step.weight
      }
      // VACUUM cannot run inside the implicit transaction of a multi-statement query.
      this.update({ phase: 'seeding', progress: 0.97, message: 'Collecting planner statistics' })
      await client.query('vacuum (analyze)')
      await client.query('create table tusk_meta (key text primary key, dataset_version int not null, seeded_at timestamptz not null default now())')
      await client.query("insert into tusk_meta (key, dataset_version) values ('sandbox', $1)", [sandboxDatasetVersion])
    } finally {
      await client.end()
    }
  }

  private sqlDir(): string {
    const candidates = [
      this.options.resourcesDir && path.join(this.options.resourcesDir, 'sandbox'),
      // Source tree (tests, tsx) and the built out/main/ both sit two levels below the repo.
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'resources', 'sandbox'),
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'sandbox')
    ].filter((dir): dir is string => typeof dir === 'string')
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

/**
 * The dataset's steps in file order. Each file starts with `-- title: …` (shown
 * under the progress bar) and `-- weight: N` (its share of the seeding time).
 */
export function loadSeedSteps(sqlDir: string): SeedStep[] {
  return readdirSync(sqlDir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(sqlDir, file), 'utf8')
      const weight = Number(sql.match(/^--\s*weight:\s*(\d+)/m)?.[1] ?? 1)
      const title = sql.match(/^--\s*title:\s*(.+)$/m)?.[1]?.trim() ?? file
      return { file, title, weight, sql }
    })
}
