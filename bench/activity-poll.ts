/**
 * One activity poll (sessions, counters, lock graph) at 1,000 and at 10,000
 * open sessions, 50 of them waiting on locks, end to end in the main process:
 * the watcher's poll, then the event through the hub (contract check on, as
 * in the web host and `npm start`) to the transport's JSON text.
 *
 * Figures per size: wall time per poll, main-process CPU, the server's share
 * (EXPLAIN ANALYZE of the poll's pg_stat_activity scan), the transport's
 * share and message size, and the first (full) poll. Baselines from the same
 * server: a bare `select 1` round trip, and `select count(*) from
 * pg_stat_activity` — the server's own scan, which no client can beat.
 * Targets: <= 20 ms at 1,000 sessions, <= 100 ms at 10,000.
 *
 * Each size gets its own server (max_connections = sessions + 50) and real
 * idle backends, about 1.3 MiB each: a size that does not fit in the memory
 * the machine has available is cut down to what fits, and the output says so.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { ActivityUpdate } from '@shared/activity/activity-snapshot'
import { EventHub } from '../electron/core/rpc/event-hub'
import { ActivityWatcher } from '../electron/core/services/activity/activity-watcher'
import { lockGraphReader } from '../electron/core/services/locks/lock-snapshot-reader'
import { EmbeddedCluster } from '../electron/core/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../electron/core/services/sandbox/postgres-binaries'
import { median } from './support/bench-sandbox'

const sizes = (process.env.TUSK_BENCH_SESSIONS ?? '1000,10000').split(',').map(Number)
const targets: Record<number, number> = { 1000: 20, 10000: 100 }
const blockingPairs = 50
const polls = 20
/** Measured: an idle backend costs about 1.3 MiB (PSS); leave 3 GiB to everyone else on the machine. */
const backendMiB = 1.4
const headroomMiB = 3 * 1024

function availableMiB(): number {
  const line = /MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))
  return line ? Number(line[1]) / 1024 : os.freemem() / 2 ** 20
}

const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)]!
const round = (value: number, digits = 1) => Number(value.toFixed(digits))

async function openSessions(url: string, wanted: number): Promise<pg.Client[]> {
  const clients: pg.Client[] = []
  for (let i = 0; i < wanted; i += 100) {
    // Checked as we go: other work on the machine may take memory meanwhile.
    if (availableMiB() < headroomMiB) break
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, wanted - i) }, async () => {
        const c = new pg.Client(url)
        c.on('error', () => {})
        await c.connect()
        return c
      })
    )
    clients.push(...batch)
  }
  return clients
}

async function serverExecutionMs(db: pg.Client, sql: string): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, timing off, summary on) ${sql}`)
    times.push(Number(/Execution Time: ([\d.]+)/.exec(plan.rows.map((r) => r['QUERY PLAN']).join('\n'))![1]))
  }
  return median(times)
}

async function measure(size: number) {
  const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
  const fits = Math.floor((availableMiB() - headroomMiB) / backendMiB)
  const wanted = Math.max(blockingPairs * 2, Math.min(size, fits))
  const cluster = new EmbeddedCluster({
    dataDir: path.join(os.tmpdir(), `tusk-bench-${digest}`, 'activity', 'pgdata'),
    binaries: await embeddedBinaries(),
    settings: { max_connections: String(size + 50), shared_buffers: '128MB', fsync: 'off' }
  })
  if (!(await cluster.isInitialised())) await cluster.initialise()
  await cluster.start()
  const url = cluster.url('postgres')
  let clients: pg.Client[] = []
  try {
    const admin = new pg.Client(url)
    await admin.connect()
    await admin.query(Array.from({ length: blockingPairs }, (_, i) => `drop table if exists bench_lock_${i}; create table bench_lock_${i} (x int);`).join(''))
    const connectStarted = performance.now()
    clients = await openSessions(url, wanted)
    const connectSeconds = (performance.now() - connectStarted) / 1000
    for (let i = 0; i < blockingPairs; i++) {
      await clients[2 * i]!.query(`begin; lock table bench_lock_${i} in share mode`)
      clients[2 * i + 1]!.query(`insert into bench_lock_${i} values (1)`).catch(() => undefined)
    }
    await new Promise((r) => setTimeout(r, 500))

    // The event as the web host sends it: checked against the contract, then one JSON text per client.
    const hub = new EventHub(true, (name, problem) => console.error(`contract violation in ${name}: ${problem}`))
    let messageBytes = 0
    hub.subscribe('activity.update', (name, payload) => (messageBytes = JSON.stringify({ t: 'evt', name, payload }).length))
    const watcher = new ActivityWatcher({ connectionId: 'bench', intervalMs: 1000, publish: () => {}, clientConfig: () => ({ connectionString: url }), readLocks: lockGraphReader })
    const endToEnd = async () => {
      const t = performance.now()
      const update = await watcher.poll()
      const polled = performance.now()
      hub.publish('activity.update', update)
      return { update, wall: performance.now() - t, transport: performance.now() - polled }
    }
    const first = await endToEnd()
    const firstBytes = messageBytes
    const wall: number[] = []
    const cpu: number[] = []
    const transport: number[] = []
    let last: ActivityUpdate = first.update
    for (let i = 0; i < polls; i++) {
      const before = process.cpuUsage()
      const run = await endToEnd()
      const used = process.cpuUsage(before)
      wall.push(run.wall)
      transport.push(run.transport)
      cpu.push((used.user + used.system) / 1000)
      last = run.update
    }
    await watcher.dispose()

    const bare: number[] = []
    for (let i = 0; i < polls; i++) {
      const t = performance.now()
      await admin.query('select 1')
      bare.push(performance.now() - t)
    }
    const floorMs = await serverExecutionMs(admin, 'select count(*) from pg_stat_activity')
    const scanMs = await serverExecutionMs(
      admin,
      `select pid, leader_pid, datname, usename, application_name, coalesce(host(client_addr), case when client_port = -1 then 'local socket' end),
              backend_type, state, wait_event_type, wait_event, (extract(epoch from xact_start) * 1000)::float8, (extract(epoch from query_start) * 1000)::float8,
              left(query, 2000), case when wait_event_type = 'Lock' then pg_blocking_pids(pid) end
         from pg_stat_activity where pid <> pg_backend_pid()`
    )
    await admin.end()
    const pollMs = median(wall)
    const sessions = last.stats?.connections ?? 0
    return {
      size,
      sessions,
      cut: clients.length < size ? `only ${clients.length} of ${size} backends opened: ${Math.round(availableMiB())} MiB left available on this machine` : null,
      connectSeconds: round(connectSeconds),
      lockEdges: last.edges.length,
      pollWallMs: round(pollMs),
      pollWallP90Ms: round(p90(wall)),
      pollMainCpuMs: round(median(cpu)),
      serverScanMs: round(scanMs),
      transportMs: round(median(transport), 2),
      deltaMessageBytes: messageBytes,
      firstPollMs: round(first.wall),
      firstMessageBytes: firstBytes,
      bareRoundTripMs: round(median(bare), 2),
      serverFloorMs: round(floorMs),
      // Two cores shared with other work: what the poll's wall time waited for besides its own CPU and the server's.
      loadAverage: round(os.loadavg()[0]!),
      target: targets[size] ?? null
    }
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
    await cluster.stop()
  }
}

async function main() {
  const results: Array<Awaited<ReturnType<typeof measure>>> = []
  for (const size of sizes) {
    const r = await measure(size)
    results.push(r)
    console.log(
      `${r.sessions} connections, ${r.lockEdges} lock edges: ${r.pollWallMs} ms per poll end to end (p90 ${r.pollWallP90Ms}, target <= ${r.target ?? '-'}), ` +
        `${r.pollMainCpuMs} ms main-process CPU; the server's scan ${r.serverScanMs} ms (its bare pg_stat_activity ${r.serverFloorMs} ms), ` +
        `transport ${r.transportMs} ms for ${r.deltaMessageBytes} bytes; first (full) poll ${r.firstPollMs} ms, ${r.firstMessageBytes} bytes; ` +
        `bare round trip ${r.bareRoundTripMs} ms; ${r.connectSeconds} s to open the sessions; load average ${r.loadAverage} on ${os.cpus().length} cores`
    )
    if (r.cut) console.log(`  compromise: ${r.cut}`)
  }
  const bySize = <T>(pick: (r: (typeof results)[number]) => T) => Object.fromEntries(results.map((r) => [String(r.size), pick(r)]))
  console.log(
    'BENCH ' +
      JSON.stringify({
        name: 'activity-poll',
        figures: bySize(({ size: _size, target: _target, bareRoundTripMs: _bare, serverFloorMs: _floor, ...figures }) => figures),
        baseline: bySize((r) => ({ bareRoundTripMs: r.bareRoundTripMs, serverPgStatActivityMs: r.serverFloorMs })),
        // How many times the server's own scan of pg_stat_activity one poll costs, end to end.
        ratio: bySize((r) => round(r.pollWallMs / Math.max(r.serverFloorMs, 0.01), 2)),
        target: bySize((r) => ({ pollWallMs: r.target, met: r.target !== null && r.cut === null && r.pollWallMs <= r.target }))
      })
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
