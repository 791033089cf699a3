/**
 * Scripts run statement by statement, rows streamed to a spool, cancellable.
 *
 * One pooled client per run (so `pg_backend_pid()` is known and cancel can
 * target it); every statement goes through pg-query-stream in batches, rows
 * land in a ResultSpool, and the renderer hears about progress through
 * throttled snapshots and reads rows page by page.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type pg from 'pg'
import type { NoticeMessage } from 'pg-protocol/dist/messages'
import QueryStream from 'pg-query-stream'
import type { ParsedRequestInput } from '@shared/api/contract'
import { isConnectionLost } from '@shared/connections/connection-failure'
import type { QueryRunSnapshot, ResultPage, ServerNotice, StatementResult } from '@shared/query/query-run'
import { AppError } from '@shared/base/app-error'
import type { SqlStatement } from '@shared/sql/split-statements'
import { cancelBackend } from '../../postgres/cancel-backend'
import { serverText } from '../../postgres/cells'
import { failureData, type PoolProvider } from '../../postgres/pool-provider'
import { postgresError } from '../../postgres/postgres-error'
import { refuseOnReadOnly } from '../../postgres/read-only-guard'
import { refuseUnconfirmedUnboundedWrites } from '../../postgres/run-confirmation'
import { backendPid, cursorResult, onReadyForQuery, whenSessionDies, type TransactionStatus } from '../../postgres/session-facts'
import { statementsToRun } from '../../postgres/statement-under-cursor'
import { ResultSpool } from './result-spool'
import type { TransactionSessions } from './transaction-sessions'
import { TypeNames } from './type-names'

export interface QueryRunServiceOptions {
  pools: PoolProvider
  publish: (snapshot: QueryRunSnapshot) => void
  /** Where result spools go (default: a private folder under the OS temp dir). */
  spoolDir?: string
  batchSize?: number
  /** Runs kept (with their spools) before the oldest are released. */
  keepRuns?: number
  /** Transaction mode's pinned sessions. */
  sessions?: TransactionSessions
  /** Told about every statement that ran (for the history). */
  onStatementFinished?: (connectionId: string, sql: string, result: StatementResult) => void
}

interface Run {
  snapshot: QueryRunSnapshot
  /** Transaction mode: the pinned session this run uses (never released, never rolled back here). */
  sessionId: string | null
  spools: Map<number, ResultSpool>
  pool: pg.Pool
  cancelRequested: boolean
  lastPublish: number
  publishTimer: NodeJS.Timeout | null
  finished: Promise<void>
}

const publishEveryMs = 100

export class QueryRunService {
  private readonly runs = new Map<string, Run>()
  private readonly typeNames = new TypeNames()
  private readonly spoolDir: string

  constructor(private readonly options: QueryRunServiceOptions) {
    this.spoolDir = options.spoolDir ?? path.join(os.tmpdir(), `tusk-spool-${process.pid}`)
  }

  async start(input: ParsedRequestInput<'query.start'>): Promise<QueryRunSnapshot> {
    const pool = this.options.pools.pool(input.connectionId)
    if (input.sessionId) {
      const session = this.options.sessions?.get(input.sessionId)
      if (session?.busy) throw new AppError({ code: 'session/busy', message: 'This session is still running a statement' })
    }
    const chosen = await statementsToRun(input.sql, input.cursorOffset, 'run')
    const texts = chosen.map((s) => s.text)
    await refuseOnReadOnly(this.options.pools, input.connectionId, texts)
    await refuseUnconfirmedUnboundedWrites(texts, input.confirmUnboundedWrites)

    await fs.mkdir(this.spoolDir, { recursive: true, mode: 0o700 })
    const runId = randomUUID()
    const snapshot: QueryRunSnapshot = {
      runId,
      connectionId: input.connectionId,
      backendPid: null,
      state: 'running',
      startedAt: Date.now(),
      elapsedMs: 0,
      results: chosen.map((s, index) => ({
        index,
        start: s.start,
        end: s.end,
        preview: s.text.replace(/\s+/g, ' ').slice(0, 80),
        status: 'pending',
        command: null,
        rowCount: null,
        returnsRows: false,
        fields: [],
        durationMs: null,
        notices: [],
        error: null
      }))
    }
    const run: Run = { snapshot, sessionId: input.sessionId ?? null, spools: new Map(), pool, cancelRequested: false, lastPublish: 0, publishTimer: null, finished: Promise.resolve() }
    this.runs.set(runId, run)
    this.evictOldRuns()
    run.finished = this.execute(run, chosen).catch(() => undefined)
    return structuredClone(snapshot)
  }

  async cancel(runId: string): Promise<{ cancelled: boolean }> {
    const run = this.runs.get(runId)
    if (!run || run.snapshot.state !== 'running') return { cancelled: false }
    run.cancelRequested = true
    const pid = run.snapshot.backendPid
    if (pid === null) return { cancelled: true }
    return { cancelled: await cancelBackend(run.pool, pid) }
  }

  async page(input: ParsedRequestInput<'query.page'>): Promise<ResultPage> {
    const spool = this.runs.get(input.runId)?.spools.get(input.resultIndex)
    if (!spool) return { offset: input.offset, rows: [] }
    return { offset: input.offset, rows: await spool.page(input.offset, input.limit) }
  }

  async release(runId: string): Promise<{ released: boolean }> {
    const run = this.runs.get(runId)
    if (!run) return { released: false }
    if (run.snapshot.state === 'running') await this.cancel(runId).catch(() => undefined)
    await run.finished
    this.runs.delete(runId)
    await Promise.all([...run.spools.values()].map((spool) => spool.dispose()))
    return { released: true }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.release(id)))
    await fs.rm(this.spoolDir, { recursive: true, force: true })
  }

  private async execute(run: Run, statements: SqlStatement[]): Promise<void> {
    const { snapshot } = run
    let client: pg.PoolClient | null = null
    let broken: Error | undefined
    let current: StatementResult | null = null
    let detach = () => {}
    let transactionStatus: TransactionStatus = 'I'
    const session = run.sessionId ? this.options.sessions?.get(run.sessionId) : undefined
    try {
      if (session) session.busy = true
      client = session ? session.client : await run.pool.connect()
      snapshot.backendPid = backendPid(client)
      const onNotice = (notice: NoticeMessage) => current?.notices.push(toNotice(notice))
      client.on('notice', onNotice)
      // The ReadyForQuery status tells whether the script left a transaction open.
      const stopReading = onReadyForQuery(client, (status) => (transactionStatus = status))
      detach = () => {
        client?.off('notice', onNotice)
        stopReading()
      }
      // Transaction mode: the first statement opens the transaction the buttons end.
      if (session && session.state.transaction === 'none') await client.query('begin')
      for (const [index, statement] of statements.entries()) {
        current = snapshot.results[index]!
        if (run.cancelRequested) {
          current.status = 'cancelled'
          continue
        }
        await this.runStatement(run, client, statement, current)
        this.options.onStatementFinished?.(snapshot.connectionId, statement.text, current)
        if (current.status === 'error' || current.status === 'cancelled') {
          for (const rest of snapshot.results.slice(index + 1)) rest.status = 'cancelled'
          break
        }
      }
      if (!session && transactionStatus !== 'I') {
        await client.query('rollback')
        current?.notices.push({
          severity: 'WARNING',
          message: 'The script left a transaction open; Tusk rolled it back so the connection goes back to the pool clean.'
        })
      }
    } catch (error) {
      if (isConnectionLost(error as Error)) broken = error as Error
      const data = failureData(this.options.pools, snapshot.connectionId, error)
      if (current && current.status === 'running') {
        current.status = 'error'
        current.error = data
      } else if (!current) {
        const failed = snapshot.results[0]!
        failed.status = 'error'
        failed.error = data
      }
    } finally {
      detach()
      if (session) {
        session.busy = false
        if (broken) this.options.sessions?.drop(session, broken)
      } else if (client) {
        // A script may have SET read-only off: a read-only connection's session goes back as it came.
        if (!broken && this.options.pools.isReadOnly(snapshot.connectionId)) await client.query('reset all').catch((e: Error) => (broken = e))
        client.release(broken)
      }
      const failed = snapshot.results.some((r) => r.status === 'error')
      snapshot.state = failed ? 'failed' : run.cancelRequested ? 'cancelled' : 'done'
      this.publish(run, true)
    }
  }

  private async runStatement(run: Run, client: pg.PoolClient, statement: SqlStatement, result: StatementResult): Promise<void> {
    const started = performance.now()
    result.status = 'running'
    this.publish(run, true)
    const stream = new QueryStream(statement.text, [], { batchSize: this.options.batchSize ?? 1000, rowMode: 'array', types: serverText })
    const spool = new ResultSpool(path.join(this.spoolDir, `${run.snapshot.runId}-${result.index}.jsonl`))
    try {
      client.query(stream)
      // pg-query-stream never ends if the server dies mid-query: race it against the session's death.
      const death = whenSessionDies(client)
      // 'data' callbacks, not `for await`: no promise per row on a million-row result.
      const streamed = new Promise<void>((resolve, reject) => {
        let describing: Promise<void> | null = null
        stream.on('data', (row: Array<string | null>) => {
          if (!result.returnsRows) {
            result.returnsRows = true
            run.spools.set(result.index, spool)
            describing = this.typeNames.describe(run.pool, cursorResult(stream).fields, client).then((fields) => {
              result.fields = fields
              // The first rows are news: no throttle.
              this.publish(run, true)
            })
          }
          spool.append(row)
          result.rowCount = spool.rowCount
          if (spool.congested) {
            // Let the disk catch up before reading more from the server; a disk that fails ends the statement.
            stream.pause()
            void spool.flush().then(
              () => stream.resume(),
              (error: Error) => stream.destroy(error)
            )
          }
          this.publish(run)
        })
        stream.once('error', reject)
        stream.once('end', () => void Promise.resolve(describing).then(() => resolve(), reject))
      })
      try {
        await Promise.race([streamed, death.promise])
      } finally {
        death.dispose()
      }
      const done = cursorResult(stream)
      if (!result.returnsRows && done.fields?.length) {
        // A row-returning statement with no rows still has columns to show.
        result.returnsRows = true
        run.spools.set(result.index, spool)
        result.fields = await this.typeNames.describe(run.pool, done.fields, client)
      }
      result.command = done.command ?? null
      if (!result.returnsRows) result.rowCount = done.rowCount ?? null
      await spool.finish()
      result.status = 'done'
    } catch (error) {
      const data = postgresError(error)
      const cancelled = data.sqlstate === '57014' && run.cancelRequested
      result.status = cancelled ? 'cancelled' : 'error'
      // Positions count from the statement; the editor needs them in the whole text.
      if (data.position !== undefined) data.position += statement.start
      result.error = cancelled ? { ...data, message: 'Cancelled by the user' } : data
      if (isConnectionLost(error as Error)) throw error
    } finally {
      result.durationMs = performance.now() - started
      if (!result.returnsRows) await spool.dispose()
    }
  }

  private publish(run: Run, now = false) {
    const send = () => {
      run.publishTimer = null
      run.lastPublish = Date.now()
      run.snapshot.elapsedMs = Date.now() - run.snapshot.startedAt
      this.options.publish(structuredClone(run.snapshot))
    }
    if (now) {
      if (run.publishTimer) clearTimeout(run.publishTimer)
      return send()
    }
    if (run.publishTimer) return
    const wait = Math.max(0, publishEveryMs - (Date.now() - run.lastPublish))
    run.publishTimer = setTimeout(send, wait)
  }

  private evictOldRuns() {
    const keep = this.options.keepRuns ?? 20
    const finished = [...this.runs.values()].filter((r) => r.snapshot.state !== 'running')
    // Nobody waits for an old run to go; a spool that cannot be removed goes with the folder at dispose().
    for (const run of finished.slice(0, Math.max(0, this.runs.size - keep))) void this.release(run.snapshot.runId).catch(() => undefined)
  }
}

function toNotice(notice: NoticeMessage): ServerNotice {
  return {
    severity: notice.severity ?? 'NOTICE',
    message: notice.message ?? '',
    ...(notice.detail ? { detail: notice.detail } : {}),
    ...(notice.hint ? { hint: notice.hint } : {})
  }
}
