/**
 * A long script: 10,000 small statements through Tusk's run service (with its
 * progress events folded as the renderer folds them, and History written, as
 * the app wires it) against `psql -f` of the same file, in the same run, on
 * the same server. Target: Tusk within 3× psql.
 *
 * The server is a fresh embedded cluster (initdb takes a second); psql is
 * Debian's (`/usr/lib/postgresql/<N>/bin/psql`) or TUSK_BENCH_PSQL.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { applyRunProgress, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'
import { ConnectionService } from '../electron/core/services/connections/connection-service'
import { QueryHistory } from '../electron/core/services/query/query-history'
import { QueryRunService } from '../electron/core/services/query/query-run-service'
import { EmbeddedCluster } from '../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../electron/core/services/sandbox/postgres-binaries'
import { MemorySecretStore } from '../electron/core/services/secrets/memory-secret-store'
import { median } from './support/bench-sandbox'

const execFileAsync = promisify(execFile)
const statements = 10_000
const rounds = 3
const target = 3

/** Small statements of the kinds a script holds: reads, writes, a setting. */
function script(): string {
  const lines = ['drop table if exists pg_temp.bench_t;', 'create temp table bench_t (id int primary key, label text);']
  for (let i = 1; lines.length < statements; i++) {
    if (i % 4 === 0) lines.push(`insert into bench_t values (${i}, 'row ${i}');`)
    else if (i % 4 === 1) lines.push(`select ${i} as n, 'label ${i}' as label;`)
    else if (i % 4 === 2) lines.push(`update bench_t set label = 'again' where id = ${i - 2};`)
    else lines.push(`set application_name = 'bench ${i}';`)
  }
  return lines.join('\n') + '\n'
}

function findPsql(): string {
  if (process.env.TUSK_BENCH_PSQL) return process.env.TUSK_BENCH_PSQL
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : []
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/psql`).find((p) => existsSync(p))
  if (!found) throw new Error('No psql found: install postgresql-client or set TUSK_BENCH_PSQL')
  return found
}

async function psqlRun(psql: string, url: string, file: string): Promise<number> {
  const t = performance.now()
  await execFileAsync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', file, url], { maxBuffer: 64 * 1024 * 1024 })
  return performance.now() - t
}

/** Runs the script and folds its events as the renderer does, as they come; resolves when the run ends. */
async function tuskRun(runs: QueryRunService, follow: Follow, connectionId: string, sql: string): Promise<{ ms: number; eventBytes: number }> {
  const t = performance.now()
  const ended = new Promise<QueryRunSnapshot>((resolve) => (follow.ended = resolve))
  follow.run = await runs.start({ connectionId, sql, confirmUnboundedWrites: false })
  follow.eventBytes = 0
  for (const delta of follow.early.splice(0)) follow.fold(delta)
  const run = await ended
  const ms = performance.now() - t
  if (run.state !== 'done') throw new Error(`the script ended ${run.state}: ${JSON.stringify(run.results.find((r) => r.error)?.error)}`)
  await runs.release(run.runId)
  return { ms, eventBytes: follow.eventBytes }
}

/** The renderer's side of the events: the run folded delta by delta (deltas before the start's answer wait). */
class Follow {
  run: QueryRunSnapshot | null = null
  early: QueryRunProgress[] = []
  eventBytes = 0
  ended: (run: QueryRunSnapshot) => void = () => undefined
  receive = (delta: QueryRunProgress) => {
    // What a transport would send.
    this.eventBytes += JSON.stringify(delta).length
    if (this.run?.runId !== delta.runId) this.early.push(delta)
    else this.fold(delta)
  }
  fold(delta: QueryRunProgress) {
    this.run = applyRunProgress(this.run!, delta)
    if (this.run.state !== 'running') this.ended(this.run)
  }
}

async function main() {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-bench-script-'))
  // Not inside workDir (mode 0700): as root the server runs as the postgres OS user, who must reach its data dir.
  const clusterDir = path.join(os.tmpdir(), `tusk-bench-script-cluster-${process.pid}`)
  const cluster = new EmbeddedCluster({ dataDir: path.join(clusterDir, 'pgdata'), binaries: await embeddedBinaries() })
  await cluster.initialise()
  await cluster.start()
  const url = new URL(cluster.url('postgres'))
  const file = path.join(workDir, 'script.sql')
  const sql = script()
  writeFileSync(file, sql)
  const psql = findPsql()
  const connections = new ConnectionService({ dataDir: path.join(workDir, 'data'), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
  const history = new QueryHistory(path.join(workDir, 'data'))
  const follow = new Follow()
  let runs: QueryRunService | null = null
  try {
    const profile = await connections.save({
      draft: { ...defaultConnectionDraft, name: 'bench', host: url.hostname, port: Number(url.port), database: 'postgres', user: decodeURIComponent(url.username), sslMode: 'disable' },
      password: decodeURIComponent(url.password),
      savePassword: false
    })
    await connections.open(profile.id)
    runs = new QueryRunService({
      pools: connections,
      publish: follow.receive,
      onStatementFinished: (connectionId, text, result) =>
        history.record({ at: Date.now(), connectionId, connectionName: 'bench', sql: text, status: result.status === 'running' || result.status === 'pending' || result.status === 'skipped' ? 'done' : result.status, command: result.command, rowCount: result.rowCount, durationMs: result.durationMs })
    })
    // Warm both paths (server caches, JIT), then alternate.
    await psqlRun(psql, url.href, file)
    await tuskRun(runs, follow, profile.id, sql)
    const psqlMs: number[] = []
    const tuskMs: number[] = []
    let eventBytes = 0
    for (let i = 0; i < rounds; i++) {
      psqlMs.push(await psqlRun(psql, url.href, file))
      const tusk = await tuskRun(runs, follow, profile.id, sql)
      tuskMs.push(tusk.ms)
      eventBytes = tusk.eventBytes
    }
    const psqlMedian = median(psqlMs)
    const tuskMedian = median(tuskMs)
    const ratio = tuskMedian / psqlMedian
    console.log(`${statements.toLocaleString('en-US')} statements: psql -f ${Math.round(psqlMedian)} ms; Tusk ${Math.round(tuskMedian)} ms (ratio ${ratio.toFixed(2)}, target <= ${target}); events ${(eventBytes / 1024).toFixed(0)} KiB`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'script-run',
          figures: { statements, tuskMs: Math.round(tuskMedian), tuskRunsMs: tuskMs.map(Math.round), eventBytes, eventBytesPerStatement: Math.round(eventBytes / statements) },
          baseline: { psqlMs: Math.round(psqlMedian), psqlRunsMs: psqlMs.map(Math.round), psql },
          ratio: Number(ratio.toFixed(2)),
          target: { ratio: target, met: ratio <= target }
        })
    )
  } finally {
    await runs?.dispose()
    await connections.dispose()
    await cluster.stop()
    await rm(workDir, { recursive: true, force: true })
    await rm(clusterDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
