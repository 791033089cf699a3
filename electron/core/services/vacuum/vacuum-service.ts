/**
 * The Vacuum tab's engine: the slow report (forecast, wraparound, xmin
 * holders), the quick "running now" read, and VACUUM / ANALYZE of one table.
 */
import { AppError } from '@shared/base/app-error'
import { quoteIdentifier } from '@shared/sql/quote-identifier'
import type { TableBloat } from '@shared/vacuum/bloat-estimate'
import type { ExactBloat, ExactBloatKind } from '@shared/vacuum/exact-bloat'
import type { IndexBloat } from '@shared/vacuum/index-bloat-estimate'
import type { MvccDemo, MvccDemoAction } from '@shared/vacuum/mvcc-demo'
import type { VacuumMode, VacuumReport, VacuumRunning } from '@shared/vacuum/vacuum-report'
import { checkOut, connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { runMvccDemo } from './mvcc-demo'
import { readTableBloat } from './vacuum-bloat-reader'
import { readExactBloat } from './vacuum-exact-bloat-reader'
import { readIndexBloat } from './vacuum-index-bloat-reader'
import { readRunning } from './vacuum-progress-reader'
import { readVacuumReport } from './vacuum-report-reader'

/** How long a manual VACUUM waits for its lock before giving up (an ALTER TABLE may hold it for long). */
export const vacuumLockTimeoutMs = 5000

const commands: Record<VacuumMode, string> = { vacuum: 'vacuum', 'vacuum-analyze': 'vacuum (analyze)', analyze: 'analyze' }

export class VacuumService {
  constructor(private readonly options: { pools: PoolProvider }) {}

  async report(connectionId: string): Promise<VacuumReport> {
    const { pools } = this.options
    try {
      return await readVacuumReport(pools.pool(connectionId))
    } catch (error) {
      throw connectionError(pools, connectionId, error)
    }
  }

  async running(connectionId: string): Promise<VacuumRunning> {
    const { pools } = this.options
    try {
      const pool = pools.pool(connectionId)
      const version = Number((await pool.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v)
      return await readRunning(pool, version)
    } catch (error) {
      throw connectionError(pools, connectionId, error)
    }
  }

  /** On demand only: the statistics-based bloat estimate, worst tables first. */
  async bloat(connectionId: string): Promise<TableBloat[]> {
    const { pools } = this.options
    try {
      return await readTableBloat(pools.pool(connectionId))
    } catch (error) {
      throw connectionError(pools, connectionId, error)
    }
  }

  /** On demand only: the statistics-based b-tree index bloat estimate, worst first. */
  async indexBloat(connectionId: string): Promise<IndexBloat[]> {
    const { pools } = this.options
    try {
      return await readIndexBloat(pools.pool(connectionId))
    } catch (error) {
      throw connectionError(pools, connectionId, error)
    }
  }

  /** Exact figures for one table or index with pgstattuple; it only reads, so read-only connections may ask too. */
  async exactBloat(input: { connectionId: string; schema: string; name: string; kind: ExactBloatKind }): Promise<ExactBloat> {
    const { pools } = this.options
    const { client } = await checkOut(pools, input.connectionId)
    let broken: Error | undefined
    try {
      return await readExactBloat(client, input)
    } catch (error) {
      if (AppError.is(error)) throw error
      broken = error instanceof Error ? error : undefined
      throw connectionError(pools, input.connectionId, error)
    } finally {
      client.release(broken)
    }
  }

  /** The trainer's MVCC demo (sandbox only). */
  mvccDemo(connectionId: string, action: MvccDemoAction): Promise<MvccDemo> {
    return runMvccDemo(this.options.pools, connectionId, action)
  }

  /** Runs to the end (the caller polls `running` meanwhile); refused on a read-only connection. */
  async run(input: { connectionId: string; schema: string; table: string; mode: VacuumMode }): Promise<{ statement: string; durationMs: number }> {
    const { pools } = this.options
    if (pools.isReadOnly(input.connectionId)) {
      throw new AppError({ code: 'vacuum/read-only', message: 'This connection is read-only: VACUUM and ANALYZE are not run on it.' })
    }
    const statement = `${commands[input.mode]} ${quoteIdentifier(input.schema)}.${quoteIdentifier(input.table)}`
    const { client } = await checkOut(pools, input.connectionId)
    let broken: Error | undefined
    try {
      await client.query(`set lock_timeout = ${vacuumLockTimeoutMs}`)
      const started = performance.now()
      await client.query(statement)
      return { statement, durationMs: performance.now() - started }
    } catch (error) {
      throw connectionError(pools, input.connectionId, error)
    } finally {
      try {
        await client.query('reset lock_timeout')
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error))
      }
      client.release(broken)
    }
  }
}
