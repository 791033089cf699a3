/**
 * The sandbox's dataset: the SQL files, whether they are in, and putting them in.
 *
 * Seeding is recorded in `tusk_meta` when it completes, with a fingerprint of
 * the SQL, so a crash or a quit mid-seed (or a changed dataset) re-seeds
 * cleanly next time.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import type { EmbeddedCluster } from './embedded-cluster'

/** Bump when the dataset changes in meaning; any edit of the SQL also re-seeds (fingerprint). */
export const sandboxDatasetVersion = 2
export const sandboxDatabase = 'sandbox'

/** VACUUM (ANALYZE) after the last file: its share of the seeding time, in step weights. */
const statisticsWeight = 8

/** SQLSTATEs that mean "never seeded or seeded by another dataset": invalid_catalog_name, undefined_table, undefined_column. */
const notSeededStates = new Set(['3D000', '42P01', '42703'])

export interface SeedStep {
  file: string
  title: string
  weight: number
  sql: string
}

export interface SeedReporter {
  /** progress 0..1 of the seeding itself. */
  report: (progress: number, message: string) => void
  /** Throws when the seeding must stop (the app quits). */
  checkAborted: () => void
}

export async function isSeeded(cluster: EmbeddedCluster, fingerprint: string): Promise<boolean> {
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

/** Drop the sandbox database (whoever is connected) and create it again from the steps. */
export async function seedDataset(cluster: EmbeddedCluster, admin: pg.Client, steps: SeedStep[], fingerprint: string, reporter: SeedReporter): Promise<void> {
  const database = admin.escapeIdentifier(sandboxDatabase)
  reporter.report(0, 'Creating the sandbox database')
  // Whatever a crashed or interrupted seed left behind goes.
  await admin.query(`drop database if exists ${database} with (force)`)
  await admin.query(`create database ${database}`)
  reporter.checkAborted()
  const client = cluster.socketClient(sandboxDatabase)
  client.on('error', () => undefined)
  await client.connect()
  try {
    const total = steps.reduce((sum, step) => sum + step.weight, 0) + statisticsWeight
    let done = 0
    const report = (message: string) => reporter.report(done / total, message)
    for (const step of steps) {
      report(step.title)
      // One file is one simple-protocol query: an implicit transaction, all or nothing.
      await client.query(step.sql).catch((error: unknown) => {
        throw seedStepError(step, error)
      })
      reporter.checkAborted()
      done += step.weight
    }
    // VACUUM cannot run inside the implicit transaction of a multi-statement query.
    report('Collecting planner statistics')
    await client.query('vacuum (analyze)')
    reporter.checkAborted()
    await client.query(
      `create table tusk_meta (key text primary key, dataset_version int not null, fingerprint text not null, seeded_at timestamptz not null default now());
       comment on table tusk_meta is 'Written by Tusk when the sandbox dataset is complete. Drop it to re-seed the sandbox at the next start.'`
    )
    await client.query("insert into tusk_meta (key, dataset_version, fingerprint) values ('sandbox', $1, $2)", [sandboxDatasetVersion, fingerprint])
  } finally {
    await client.end().catch(() => undefined)
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

