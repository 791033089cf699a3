/**
 * The trainer's scenario: the classic migration outage, live.
 *
 * A chain of four: session A holds a row lock in an open transaction;
 * session B updates the same row and waits for A; session C runs ALTER TABLE
 * (queued for AccessExclusiveLock behind both, since each holds the table's
 * RowExclusiveLock; inside its own transaction so nothing is ever committed);
 * session D only reads, and queues behind the ALTER. Stopping cancels the
 * waiters and rolls everything back.
 */
import pg from 'pg'
import { AppError } from '@shared/base/app-error'
import { connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { connectedPid } from '../../postgres/session-facts'
import { refuseActionOnReadOnly } from '../../postgres/read-only-guard'
import { sideSessionConfig } from '../../postgres/side-session'

const scenarioApplication = 'Tusk scenario'

interface Running {
  clients: pg.Client[]
  pending: Array<Promise<unknown>>
}

export class BlockingScenario {
  private readonly running = new Map<string, Running>()

  constructor(private readonly options: { pools: PoolProvider }) {}

  async start(connectionId: string): Promise<{ running: boolean; pids: number[] }> {
    const pools = this.options.pools
    refuseActionOnReadOnly(pools, connectionId, 'the blocking scenario (it writes and holds locks)')
    if (this.running.has(connectionId)) await this.stop(connectionId)
    const pool = pools.pool(connectionId)
    const open = async () => {
      const client = new pg.Client(sideSessionConfig(pool, scenarioApplication))
      client.on('error', () => {})
      await client.connect()
      return client
    }
    const clients = await Promise.all([open(), open(), open(), open()]).catch((error: unknown) => {
      throw connectionError(pools, connectionId, error)
    })
    const [holder, writer, alter, reader] = clients as [pg.Client, pg.Client, pg.Client, pg.Client]
    const run: Running = { clients, pending: [] }
    this.running.set(connectionId, run)
    try {
      const exists = await holder.query("select to_regclass('public.loans') is not null as ok")
      if (!exists.rows[0]?.ok) throw new AppError({ code: 'locks/scenario-needs-sandbox', message: 'The scenario runs on the sandbox database (it needs the loans table).' })
      // The holder's last statement is what the graph shows for it: make it the instructive one.
      await holder.query('begin')
      await holder.query('update loans set status_id = status_id where id = 1')
      await writer.query('begin')
      run.pending.push(writer.query('update loans set status_id = status_id where id = 1').catch(() => undefined))
      await waitUntilWaiting(pool, connectedPid(writer))
      await alter.query('begin')
      run.pending.push(alter.query("alter table loans add column scenario_note text default 'migrated'").catch(() => undefined))
      await waitUntilWaiting(pool, connectedPid(alter))
      run.pending.push(reader.query('select count(*) from loans where id = 1').catch(() => undefined))
      await waitUntilWaiting(pool, connectedPid(reader))
      return { running: true, pids: clients.map((c) => connectedPid(c)) }
    } catch (error) {
      await this.stop(connectionId)
      throw connectionError(pools, connectionId, error)
    }
  }

  async stop(connectionId: string): Promise<{ running: boolean; pids: number[] }> {
    const run = this.running.get(connectionId)
    if (!run) return { running: false, pids: [] }
    this.running.delete(connectionId)
    const waiters = run.clients.slice(1)
    // Cancel the waiters first, so the ALTER never gets its lock, then roll everything back. From
    // the pool: the holder may be gone (a trainer terminates it to show the chain moving).
    const cancel = 'select pg_cancel_backend(pid) from unnest($1::int[]) as pid'
    await Promise.resolve()
      .then(() => this.options.pools.pool(connectionId).query(cancel, [waiters.map((c) => connectedPid(c))]))
      .catch(() => undefined)
    await Promise.all(run.pending)
    await Promise.all(run.clients.map((c) => c.query('rollback').catch(() => undefined)))
    await Promise.all(run.clients.map((c) => c.end().catch(() => undefined)))
    return { running: false, pids: [] }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)))
  }
}

/** Polled through the pool, so the scenario's own sessions show only their own statements. */
async function waitUntilWaiting(observer: pg.Pool, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await observer.query<{ w: string | null }>('select wait_event_type as w from pg_stat_activity where pid = $1', [pid])
    if (r.rows[0]?.w === 'Lock') return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new AppError({ code: 'locks/scenario-stuck', message: `Session ${pid} did not start waiting; the scenario was stopped.` })
}
