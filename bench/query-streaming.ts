/**
 * Streaming a big result: rows/s from the sandbox's `loans` table (1,000,000
 * rows) into the grid's store (Tusk's spool, from which the grid pages), as a
 * ratio to a bare pg-query-stream consumer in the same run; and time to first
 * row as the renderer hears of it. Target: ratio >= 0.5.
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

async function bare(info: pg.ClientConfig): Promise<{ rowsPerSec: number; firstRowMs: number; rows: number }> {
  const client = new pg.Client(info)
  await client.connect()
  const t = performance.now()
  let first = 0
  let rows = 0
  const stream = client.query(new QueryStream(sql, [], { batchSize: 1000, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } }))
  for await (const _row of stream) {
    if (rows++ === 0) first = performance.now() - t
  }
  const seconds = (performance.now() - t) / 1000
  await client.end()
  return { rowsPerSec: rows / seconds, firstRowMs: first, rows }
}

async function tusk(runsService: QueryRunService, progress: QueryRunProgress[]): Promise<{ rowsPerSec: number; firstRowMs: number; rows: number }> {
  progress.length = 0
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
  await runsService.release(started.runId)
  return { rowsPerSec: rows / seconds, firstRowMs: first, rows }
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
    console.log(`bare pg-query-stream: ${Math.round(bareRate).toLocaleString('en-US')} rows/s; Tusk to the grid's store: ${Math.round(tuskRate).toLocaleString('en-US')} rows/s (ratio ${ratio.toFixed(2)}, target >= 0.5)`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'query-streaming',
          figures: {
            rows: tuskRuns[0]!.rows,
            tuskRowsPerSec: Math.round(tuskRate),
            tuskFirstRowMs: Math.round(median(tuskRuns.map((r) => r.firstRowMs))),
            bareFirstRowMs: Math.round(median(bareRuns.map((r) => r.firstRowMs)))
          },
          baseline: { bareRowsPerSec: Math.round(bareRate) },
          ratio: Number(ratio.toFixed(2)),
          target: { ratio: 0.5, met: ratio >= 0.5 }
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
