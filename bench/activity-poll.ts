/**
 * One activity poll (sessions, counters, lock graph) with 1,000 connections
 * open, 50 of them waiting on locks. Figures: wall time per poll (an upper
 * bound of the server's cost), the main process's CPU per poll, and as the
 * same-run baseline a bare `select 1` round trip. Target: <= 20 ms per poll.
 */
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { ActivityWatcher } from '../electron/core/services/activity/activity-watcher'
import { readLockEdges } from '../electron/core/services/locks/lock-snapshot-reader'
import { EmbeddedCluster } from '../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../electron/core/services/sandbox/postgres-binaries'
import { median } from './support/bench-sandbox'

const sessions = Number(process.env.TUSK_BENCH_SESSIONS ?? 1000)
const blockingPairs = 50
const polls = 30

async function main() {
  const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
  const cluster = new EmbeddedCluster({
    dataDir: path.join(os.tmpdir(), `tusk-bench-${digest}`, 'activity', 'pgdata'),
    binaries: await embeddedBinaries(),
    settings: { max_connections: String(sessions + 50), shared_buffers: '128MB', fsync: 'off' }
  })
  if (!(await cluster.isInitialised())) await cluster.initialise()
  await cluster.start()
  const url = cluster.url('postgres')
  const clients: pg.Client[] = []
  try {
    const admin = new pg.Client(url)
    await admin.connect()
    await admin.query(Array.from({ length: blockingPairs }, (_, i) => `drop table if exists bench_lock_${i}; create table bench_lock_${i} (x int);`).join(''))
    await admin.end()
    for (let i = 0; i < sessions; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, sessions - i) }, async () => {
          const c = new pg.Client(url)
          c.on('error', () => {})
          await c.connect()
          return c
        })
      )
      clients.push(...batch)
    }
    for (let i = 0; i < blockingPairs; i++) {
      await clients[2 * i]!.query(`begin; lock table bench_lock_${i} in share mode`)
      clients[2 * i + 1]!.query(`insert into bench_lock_${i} values (1)`).catch(() => undefined)
    }
    await new Promise((r) => setTimeout(r, 500))

    const watcher = new ActivityWatcher({ connectionId: 'bench', intervalMs: 1000, publish: () => {}, clientConfig: () => ({ connectionString: url }), readLocks: readLockEdges })
    const baseline = new pg.Client(url)
    await baseline.connect()
    await watcher.poll()
    const wall: number[] = []
    const cpu: number[] = []
    const bare: number[] = []
    let edges = 0
    let seen = 0
    for (let i = 0; i < polls; i++) {
      const t = performance.now()
      await baseline.query('select 1')
      bare.push(performance.now() - t)
      const before = process.cpuUsage()
      const update = await watcher.poll()
      const used = process.cpuUsage(before)
      wall.push(update.pollMs)
      cpu.push((used.user + used.system) / 1000)
      edges = update.edges.length
      seen = update.stats?.connections ?? 0
    }
    await baseline.end()
    await watcher.dispose()
    const pollMs = median(wall)
    console.log(`activity poll with ${seen} connections and ${edges} lock edges: ${pollMs.toFixed(1)} ms wall (target <= 20), ${median(cpu).toFixed(1)} ms main-process CPU; bare round trip ${median(bare).toFixed(2)} ms`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'activity-poll',
          figures: { sessions: seen, lockEdges: edges, pollWallMs: Number(pollMs.toFixed(1)), pollMainCpuMs: Number(median(cpu).toFixed(1)), pollWallP90Ms: Number([...wall].sort((a, b) => a - b)[Math.floor(polls * 0.9)]!.toFixed(1)) },
          baseline: { bareRoundTripMs: Number(median(bare).toFixed(2)) },
          ratio: Number((pollMs / median(bare)).toFixed(1)),
          target: { pollWallMs: 20, met: pollMs <= 20 }
        })
    )
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
    await cluster.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
