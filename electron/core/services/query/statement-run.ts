/**
 * One statement of a run: sent, its rows spooled as they come, its entry kept up to date.
 *
 * A statement cancelled while its rows came keeps the rows that arrived
 * before Cancel (the rest are dropped on arrival) and is `cancelled`, not
 * done: the grid says "cancelled after N rows", History says cancelled.
 */
import path from 'node:path'
import type pg from 'pg'
import { isConnectionLost } from '@shared/connections/connection-failure'
import type { QueryRunSnapshot, StatementResult } from '@shared/query/query-run'
import type { SqlStatement } from '@shared/sql/split-statements'
import { postgresError } from '../../postgres/postgres-error'
import { pauseReading, resumeReading, whenSessionDies } from '../../postgres/session-facts'
import { StatementStream } from '../../postgres/statement-stream'
import type { ResultSpool } from './result-spool'
import type { RunProgress } from './run-progress'
import type { TypeNames } from './type-names'

export interface Run {
  snapshot: QueryRunSnapshot
  progress: RunProgress
  /** Transaction mode: the pinned session this run uses (never released, never rolled back here). */
  sessionId: string | null
  spools: Map<number, ResultSpool>
  pool: pg.Pool
  client: pg.PoolClient | null
  /** The statement on the wire: what Cancel stops. */
  streaming: StatementStream | null
  cancelRequested: boolean
  /** Cancel cut the session: it is closed, not reused, and its end is the user's doing, not a lost server. */
  cut: boolean
  /** What the run's small results may keep in memory instead of files (bytes left). */
  memory: { bytes: number }
  finished: Promise<void>
}

export interface StatementRunTools {
  spoolDir: string
  typeNames: TypeNames
  openSpool: (file: string) => ResultSpool
}

export async function runStatement(run: Run, statement: SqlStatement, result: StatementResult, { spoolDir, typeNames, openSpool }: StatementRunTools): Promise<void> {
  const client = run.client!
  const started = performance.now()
  const { progress } = run
  result.status = 'running'
  progress.changed(result.index)
  const spool = openSpool(path.join(spoolDir, `${run.snapshot.runId}-${result.index}.rows`))
  let rawFields: Array<{ name: string; dataTypeID: number }> = []
  let namesComplete = true
  let paused = false
  const stream = new StatementStream(statement.text, {
    fields: (fields) => {
      rawFields = fields
      const known = typeNames.known(run.pool, fields)
      namesComplete = known.complete
      result.returnsRows = true
      result.fields = known.fields
      run.spools.set(result.index, spool)
      progress.changed(result.index, true)
    },
    row: (row) => {
      spool.append(row)
      result.rowCount = spool.rowCount
      // The first row is news: no throttle.
      progress.changed(result.index, result.rowCount === 1)
      if (!spool.congested || paused) return
      // Let the disk catch up before reading more; a disk that fails drops the rest and fails the statement at finish().
      paused = true
      pauseReading(client)
      const goOn = () => {
        paused = false
        resumeReading(client)
      }
      void spool.flush().then(goOn, () => {
        stream.discardRows()
        goOn()
      })
    }
  })
  run.streaming = stream
  try {
    client.query(stream)
    // A server that dies mid-statement may never answer: race the statement against the session's death.
    const death = whenSessionDies(client)
    let outcome
    try {
      outcome = await Promise.race([stream.done, death.promise])
    } finally {
      death.dispose()
    }
    run.streaming = null
    if (!namesComplete) result.fields = await typeNames.describe(run.pool, rawFields, client)
    result.command = outcome.command
    if (!result.returnsRows) result.rowCount = outcome.rowCount
    if (!run.cancelRequested) await spool.finish(run.memory)
    // Rows were dropped on the user's word: the result is what came before Cancel.
    result.status = run.cancelRequested && result.returnsRows ? 'cancelled' : 'done'
    if (result.status === 'cancelled') result.error = { code: 'query/cancelled', message: 'Cancelled by the user' }
  } catch (error) {
    const data = postgresError(error)
    const cancelled = run.cut || (data.sqlstate === '57014' && run.cancelRequested)
    result.status = cancelled ? 'cancelled' : 'error'
    // Positions count from the statement; the editor needs them in the whole text.
    if (data.position !== undefined) data.position += statement.start
    result.error = cancelled ? { code: 'query/cancelled', message: 'Cancelled by the user' } : data
    if (isConnectionLost(error as Error) && !run.cut) throw error
  } finally {
    run.streaming = null
    if (paused) resumeReading(client)
    result.durationMs = performance.now() - started
    // After Cancel nobody waits for the disk: the rows kept are readable while it catches up.
    const closing = result.returnsRows ? spool.finish(run.memory) : spool.dispose()
    if (run.cancelRequested) void closing.catch(() => undefined)
    else await closing.catch(() => undefined)
    progress.changed(result.index)
  }
}
