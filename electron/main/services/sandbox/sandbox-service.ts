/**
 * The built-in sandbox: a real PostgreSQL with a teaching dataset, no setup.
 *
 * First start: initdb, start, create the `sandbox` database and seed it from
 * resources/sandbox/*.sql with progress. Later starts: the server only (warm
 * start). Seeding is recorded in `tusk_meta` when it completes, with a
 * fingerprint of the SQL, so a crash or a quit mid-seed (or a changed dataset)
 * re-seeds cleanly next time.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import { AppError, toAppErrorData, type AppErrorData } from '@shared/base/app-error'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'
import { EmbeddedCluster } from './embedded-cluster'
import { embeddedBinaries, type PostgresBinaries } from './postgres-binaries'

/** Bump when the dataset changes in meaning; any edit of the SQL also re-seeds (fingerprint). */
export const sandboxDatasetVersion = 2
export const sandboxDatabase = 'sandbox'

/** VACUUM (ANALYZE) after the last file: its share of the seeding time, in step weights. */
const statisticsWeight = 8

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
  onStatus?: (status: SandboxStatus) => void
}

export interface SeedStep {
  file: string
  title: string
  weight: number
  sql: string
}

/** SQLSTATEs that mean "never seeded or seeded by another dataset": invalid_catalog_name, undefined_table, undefined_column. */
const notSeededStates = new Set(['3D000', '42P01', '42703'])

/** Thrown inside a start that stop() interrupted; never reaches a caller. */
class StartAborted extends Error {}

export class SandboxService {
  private current: SandboxStatus = { phase: 'stopped', progress: 0, message: 'Not started', port: null, serverVersion: null, error: null }
  private cluster: EmbeddedCluster | null = null
  private starting: Promise<SandboxStatus> | null = null
  private stopping: Promise<void> | null = null
  private abortStart = false

  constructor(private readonly options: SandboxServiceOptions) {}

  status(): SandboxStatus {
    return this.current
  }

  /** Idempotent: concurrent callers share one start; a start during stop() waits for it. */
  start(): Promise<SandboxStatus> {
    if (this.stopping) return this.stopping.then(() => this.start())
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

  /** Fast shutdown; safe to call twice or during a start (which it cuts short). */
  stop(): Promise<void> {
    this.stopping ??= this.doStop().finally(() => {
      this.stopping = null
    })
    return this.stopping
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

  private async doStart(): Promise<SandboxStatus> {
    try {
      // The dataset is read first: a missing one fails before any server starts.
      const steps = loadSeedSteps(this.sqlDir())
      const fingerprint = datasetFingerprint(steps)
      const binaries = this.options.binaries ?? (await embeddedBinaries())
      const cluster = (this.cluster ??= new EmbeddedCluster({
        dataDir: path.join(this.options.rootDir, 'pgdata'),
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
      this.update({ phase: 'starting', progress: 0.05, message: 'Starting the sandbox server', error: null })
      const { port } = await cluster.start()
      this.checkAborted()
      const admin = cluster.socketClient('postgres')
      // A fast shutdown from stop() ends idle sessions too: never let that crash us.
      admin.on('error', () => undefined)
      await admin.connect()
      let serverVersion: string
      try {
        serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version
        if (!(await this.isSeeded(cluster, fingerprint))) await this.seed(cluster, admin, steps, fingerprint)
      } finally {
        await admin.end().catch(() => undefined)
      }
      this.checkAborted()
      return this.update({ phase: 'ready', progress: 1, message: 'Sandbox ready', port, serverVersion, error: null })
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

  private async isSeeded(cluster: EmbeddedCluster, fingerprint: string): Promise<boolean> {
    const client = cluster.socketClient(sandboxDatabase)
    client.on('error', () => undefined)
    try {
      await client.connect()
      const result = await client.query<{ fingerprint: string }>("select fingerprint from tusk_meta where key = 'sandbox'")
      return result.rows[0]?.fingerprint === fingerprint
    } catch (error) {
      // No sandbox database, no marker (a seed that never finished), or an older
      // marker: seed. Anything else must not drop the user's sandbox.
      if (notSeededStates.has((error as { code?: string }).code ?? '')) return false
      throw error
    } finally {
      await client.end().catch(() => undefined)
    }
  }

  private async seed(cluster: EmbeddedCluster, admin: pg.Client, steps: SeedStep[], fingerprint: string): Promise<void> {
    const database = admin.escapeIdentifier(sandboxDatabase)
    this.update({ phase: 'seeding', progress: 0.08, message: 'Creating the sandbox database' })
    // Whatever a crashed or interrupted seed left behind goes.
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database}`)
    this.checkAborted()
    const client = cluster.socketClient(sandboxDatabase)
    client.on('error', () => undefined)
    await client.connect()
    try {
      const total = steps.reduce((sum, step) => sum + step.weight, 0) + statisticsWeight
      let done = 0
      const report = (message: string) => this.update({ phase: 'seeding', progress: 0.1 + 0.9 * (done / total), message })
      for (const step of steps) {
        report(step.title)
        // One file is one simple-protocol query: an implicit transaction, all or nothing.
        await client.query(step.sql).catch((error: unknown) => {
          throw seedStepError(step, error)
        })
        this.checkAborted()
        done += step.weight
      }
      // VACUUM cannot run inside the implicit transaction of a multi-statement query.
      report('Collecting planner statistics')
      await client.query('vacuum (analyze)')
      this.checkAborted()
      await client.query(
        `create table tusk_meta (key text primary key, dataset_version int not null, fingerprint text not null, seeded_at timestamptz not null default now());
         comment on table tusk_meta is 'Written by Tusk when the sandbox dataset is complete. Drop it to re-seed the sandbox at the next start.'`
      )
      await client.query("insert into tusk_meta (key, dataset_version, fingerprint) values ('sandbox', $1, $2)", [sandboxDatasetVersion, fingerprint])
    } finally {
      await client.end().catch(() => undefined)
    }
  }

  private sqlDir(): string {
    const here = path.dirname(fileURLToPath(import.meta.url))
    const candidates = this.options.resourcesDir
      ? [path.join(this.options.resourcesDir, 'sandbox')]
      : [
          // Source tree (tests, tsx): electron/main/services/sandbox → repo.
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

/**
 * The dataset's steps in file order. Each file starts with `-- title: …` (shown
 * under the progress bar) and `-- weight: N` (its share of the seeding time).
 */
export function loadSeedSteps(sqlDir: string): SeedStep[] {
  const steps = readdirSync(sqlDir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(sqlDir, file), 'utf8')
      const weight = Number(sql.match(/^--\s*weight:\s*(\d+)/m)?.[1] ?? 1)
      const title = sql.match(/^--\s*title:\s*(.+)$/m)?.[1]?.trim() ?? file
      return { file, title, weight, sql }
    })
  if (steps.length === 0) throw new AppError({ code: 'sandbox/no-dataset', message: `The sandbox dataset folder ${sqlDir} holds no .sql file` })
  return steps
}

/** Changes whenever a file of the dataset does, so an edited dataset is seeded again. */
export function datasetFingerprint(steps: SeedStep[]): string {
  const hash = createHash('sha256').update(`v${sandboxDatasetVersion}\n`)
  for (const step of steps) hash.update(`${step.file}\n${step.sql}\n`)
  return hash.digest('hex')
}

function seedStepError(step: SeedStep, error: unknown): AppError {
  const pgError = error as Partial<pg.DatabaseError> & { message?: string }
  const reason = pgError.message ?? String(error)
  return new AppError({
    code: 'sandbox/seed-failed',
    message: `Seeding the sandbox failed at "${step.title}" (${step.file}): ${reason}`,
    ...(pgError.detail ? { detail: pgError.detail } : {}),
    ...(pgError.hint ? { hint: pgError.hint } : {}),
    ...(pgError.code && /^[0-9A-Z]{5}$/.test(pgError.code) ? { sqlstate: pgError.code } : {})
  })
}

function sandboxErrorData(error: unknown): AppErrorData {
  const data = toAppErrorData(error)
  return { ...data, code: data.code.startsWith('rpc/') ? 'sandbox/failed' : data.code }
}
