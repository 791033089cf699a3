/**
 * Streaming a big result: rows/s from the sandbox's `loans` table (1,000,000
 * rows) into the grid's store (Tusk's spool, from which the grid pages), as a
 * ratio to a bare pg-query-stream consumer in the same run; and time to first
 * row as the renderer hears of it. Target: ratio >= 0.8 (the spool and the
 * progress events cost at most a fifth of the driver's throughput).
 *
 * Also the process's CPU per row on each side (all threads: the spool's
 * writes too). On a busy machine the server, starved of CPU, sets both rates
 * and the wall ratio drifts toward 1; the CPU ratio still says what Tusk's
 * own path costs next to the bare consumer's.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import QueryStream from 'pg-query-stream'
import { applyRunProgress, type QueryRunProgress } from '@shared/query/query-run'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import { ConnectionService } from '../electron/core/services/connections/connection-service'
import { QueryRunService } from '../electron/core/services/query/query-run-service'
import { MemorySecretStore } from '../electron/core/services/secrets/memory-secret-store'
import { median, startBenchSandbox } from './support/bench-sandbox'

const sql = 'select * from loans'
const runs = 3

interface Measured {
  rowsPerSec: number
  firstRowMs: number
  rows: number
  cpuMicrosPerRow: number
}

const cpuMicros = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since)
  return used.user + used.system
}

async function bare(info: pg.ClientConfig): Promise<Measured> {
  const client = new pg.Client(info)
  await client.connect()
  const cpu = process.cpuUsage()
  const t = performance.now()
  let first = 0
  let rows = 0
  const stream = client.query(new QueryStream(sql, [], { batchSize: 1000, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } }))
  for await (const _row of stream) {
    if (rows++ === 0) first = performance.now() - t
  }
  const seconds = (performance.now() - t) / 1000
  const cpuMicrosPerRow = cpuMicros(cpu) / rows
  await client.end()
  return { rowsPerSec: rows / seconds, firstRowMs: first, rows, cpuMicrosPerRow }
}

async function tusk(runsService: QueryRunService, progress: QueryRunProgress[]): Promise<Measured> {
  progress.length = 0
  const cpu = process.cpuUsage()
  const t = performance.now()
  let first = 0
  const started = await runsService.start({ connectionId: sandboxConnectionId, sql, confirmUnboundedWrites: false })
  let run = started
  for (;;) {
    // Folded as the renderer folds the events.
    for (const delta of progress.splice(0)) run = applyRunProgress(run, delta)
    if (!first && (run.results[0]?.rowCount ?? 0) > 0) first = performance.now() - t
    if (run.state !== 'running') break
    await new Promise((r) => setTimeout(r, 2))
  }
  const seconds = (performance.now() - t) / 1000
  const rows = run.results[0]!.rowCount ?? 0
  const cpuMicrosPerRow = cpuMicros(cpu) / rows
  await runsService.release(started.runId)
  return { rowsPerSec: rows / seconds, firstRowMs: first, rows, cpuMicrosPerRow }
}

async function main() {
  const sandbox = await startBenchSandbox()
  const info = sandbox.connectionInfo()!
  const progress: QueryRunProgress[] = []
  const connections = new ConnectionService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-bench-conn-')),
    secrets: new MemorySecretStore(),
    sandbox: { ensureReady: async () => info },
    onChange: () => {}
  })
  await connections.open(sandboxConnectionId)
  const runsService = new QueryRunService({ pools: connections, publish: (p) => progress.push(p) })
  try {
    await bare(info) // warm the server's cache and both code paths
    await tusk(runsService, progress)
    const bareRuns = []
    const tuskRuns = []
    for (let i = 0; i < runs; i++) {
      bareRuns.push(await bare(info))
      tuskRuns.push(await tusk(runsService, progress))
    }
    const bareRate = median(bareRuns.map((r) => r.rowsPerSec))
    const tuskRate = median(tuskRuns.map((r) => r.rowsPerSec))
    const ratio = tuskRate / bareRate
    const bareCpu = median(bareRuns.map((r) => r.cpuMicrosPerRow))
    const tuskCpu = median(tuskRuns.map((r) => r.cpuMicrosPerRow))
    const cpuRatio = bareCpu / tuskCpu
    const load = os.loadavg()[0]!.toFixed(1)
    console.log(`bare pg-query-stream: ${Math.round(bareRate).toLocaleString('en-US')} rows/s; Tusk to the grid's store: ${Math.round(tuskRate).toLocaleString('en-US')} rows/s (ratio ${ratio.toFixed(2)}, target >= 0.8)`)
    console.log(`CPU per row: bare ${bareCpu.toFixed(2)} µs, Tusk ${tuskCpu.toFixed(2)} µs (ratio ${cpuRatio.toFixed(2)}); load average ${load} on ${os.cpus().length} cores`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'query-streaming',
          figures: {
            rows: tuskRuns[0]!.rows,
            tuskRowsPerSec: Math.round(tuskRate),
            tuskFirstRowMs: Math.round(median(tuskRuns.map((r) => r.firstRowMs))),
            bareFirstRowMs: Math.round(median(bareRuns.map((r) => r.firstRowMs))),
            tuskCpuMicrosPerRow: Number(tuskCpu.toFixed(2)),
            cpuRatio: Number(cpuRatio.toFixed(2)),
            loadAverage: Number(load)
          },
          baseline: { bareRowsPerSec: Math.round(bareRate), bareCpuMicrosPerRow: Number(bareCpu.toFixed(2)) },
          ratio: Number(ratio.toFixed(2)),
          target: { ratio: 0.8, met: ratio >= 0.8 }
        })
    )
  } finally {
    await runsService.dispose()
    await connections.dispose()
    await sandbox.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
