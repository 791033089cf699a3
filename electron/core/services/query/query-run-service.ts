/**
 * Scripts run statement by statement, rows streamed to a spool, cancellable in every phase.
 *
 * One pooled client per run (so `pg_backend_pid()` is known and cancel can
 * target it); every statement goes out as a plain simple-Query message
 * (postgres/statement-stream.ts) whose rows land in a ResultSpool as they
 * come. The renderer hears about progress through throttled deltas
 * (run-progress.ts) and reads rows page by page.
 *
 * Cancel sends `pg_cancel_backend` and drops the rows still in flight, so the
 * count stops at once; a session whose rows keep coming after a short grace
 * (a backend blocked writing to a full socket does not see a cancel) is cut
 * and never goes back to the pool.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import type { NoticeMessage } from 'pg-protocol/dist/messages'
import type { ParsedRequestInput } from '@shared/api/contract'
import { isConnectionLost } from '@shared/connections/connection-failure'
import { pendingStatement, type QueryRunProgress, type QueryRunSnapshot, type ResultPage, type ServerNotice, type StatementResult } from '@shared/query/query-run'
import { AppError } from '@shared/base/app-error'
import type { SqlStatement } from '@shared/sql/split-statements'
import { cancelBackend } from '../../postgres/cancel-backend'
import { failureData, type PoolProvider } from '../../postgres/pool-provider'
import { postgresError } from '../../postgres/postgres-error'
import { refuseOnReadOnly } from '../../postgres/read-only-guard'
import { refuseUnconfirmedUnboundedWrites } from '../../postgres/run-confirmation'
import { backendPid, onReadyForQuery, pauseReading, resumeReading, whenSessionDies, type TransactionStatus } from '../../postgres/session-facts'
import type { StatementStream } from '../../postgres/statement-stream'
import { statementsToRun } from '../../postgres/statement-under-cursor'
import { ResultSpool } from './result-spool'
import { RunProgress } from './run-progress'
import { makeSpoolDir } from './spool-dir'
import { runStatement, type Run } from './statement-run'
import type { TransactionSessions } from './transaction-sessions'
import { TypeNames } from './type-names'

export interface QueryRunServiceOptions {
  pools: PoolProvider
  publish: (progress: QueryRunProgress) => void
  /** Where result spools go (default: a private folder of this process under the OS temp dir). */
  spoolDir?: string
  /** Runs kept (with their spools) before the oldest are released. */
  keepRuns?: number
  /** Transaction mode's pinned sessions. */
  sessions?: TransactionSessions
  /** How a result's spool is made (tests give it a slow disk). */
  openSpool?: (file: string) => ResultSpool
  /** Told about every statement that ran (for the history). */
  onStatementFinished?: (connectionId: string, sql: string, result: StatementResult) => void
}

/** A run's small results kept in memory, not in files, up to this much in all. */
const smallResultsInMemoryBytes = 8 * 1024 * 1024

/** What a result's first rows may weigh in a progress event. */
const firstRowsBytes = 64 * 1024

/** How long rows may keep coming after a cancel before the session is cut. */
const cancelGraceMs = 300

export class QueryRunService {
  private readonly runs = new Map<string, Run>()
  private readonly typeNames = new TypeNames()
  private spoolDir: Promise<string> | null = null

  constructor(private readonly options: QueryRunServiceOptions) {}

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

    const spoolDir = await this.ensureSpoolDir()
    const runId = randomUUID()
    const snapshot: QueryRunSnapshot = {
      runId,
      connectionId: input.connectionId,
      backendPid: null,
      state: 'running',
      startedAt: Date.now(),
      elapsedMs: 0,
      progressSeq: 0,
      results: chosen.map((s, index) => pendingStatement(index, s.start, s.end, s.text))
    }
    const run: Run = {
      snapshot,
      progress: new RunProgress(snapshot, this.options.publish, (index, limit) => run.spools.get(index)?.firstRows(limit, firstRowsBytes) ?? []),
      sessionId: input.sessionId ?? null,
      spools: new Map(),
      pool,
      client: null,
      streaming: null,
      cancelRequested: false,
      cut: false,
      memory: { bytes: smallResultsInMemoryBytes },
      finished: Promise.resolve()
    }
    this.runs.set(runId, run)
    this.evictOldRuns()
    run.finished = this.execute(run, chosen, spoolDir).catch(() => undefined)
    return structuredClone(snapshot)
  }

  async cancel(runId: string): Promise<{ cancelled: boolean }> {
    const run = this.runs.get(runId)
    if (!run || run.snapshot.state !== 'running') return { cancelled: false }
    run.cancelRequested = true
    const stream = run.streaming
    if (stream?.describedRows && run.client) {
      // The count stops here; reading on (rows dropped) lets a backend blocked on a full socket see the cancel.
      stream.discardRows()
      resumeReading(run.client)
      const timer = setTimeout(() => this.cutIfStillStreaming(run, stream), cancelGraceMs)
      void stream.done.catch(() => undefined).finally(() => clearTimeout(timer))
    }
    const pid = run.snapshot.backendPid
    if (pid === null) return { cancelled: true }
    const signalled = await cancelBackend(run.pool, pid).catch(() => false)
    // Rows stopped counting either way: the session is cut if the server did not hear.
    return { cancelled: signalled || Boolean(stream?.describedRows) }
  }

  /** The run as it stands (tests, benchmarks and the CLI read it whole; the renderer folds the events). */
  snapshot(runId: string): QueryRunSnapshot | undefined {
    const run = this.runs.get(runId)
    return run && structuredClone(run.snapshot)
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
    if (this.spoolDir) await fs.rm(await this.spoolDir, { recursive: true, force: true })
    this.spoolDir = null
  }

  private ensureSpoolDir(): Promise<string> {
    const chosen = this.options.spoolDir
    this.spoolDir ??= chosen ? fs.mkdir(chosen, { recursive: true, mode: 0o700 }).then(() => chosen) : makeSpoolDir()
    return this.spoolDir
  }

  private cutIfStillStreaming(run: Run, stream: StatementStream) {
    if (run.streaming !== stream || !run.client) return
    run.cut = true
    // end() with a query active destroys the socket at once, and as our own doing: no 'error' event, so
    // nothing reports the connection lost. The run's end releases the client as broken (never reused).
    void run.client.end().catch(() => undefined)
  }

  private async execute(run: Run, statements: SqlStatement[], spoolDir: string): Promise<void> {
    const { snapshot, progress } = run
    let client: pg.PoolClient | null = null
    let broken: Error | undefined
    let current: StatementResult | null = null
    let detach = () => {}
    let transactionStatus: TransactionStatus = 'I'
    const session = run.sessionId ? this.options.sessions?.get(run.sessionId) : undefined
    try {
      if (session) session.busy = true
      client = session ? session.client : await run.pool.connect()
      run.client = client
      snapshot.backendPid = backendPid(client)
      const onNotice = (notice: NoticeMessage) => {
        if (!current) return
        current.notices.push(toNotice(notice))
        progress.changed(current.index)
      }
      client.on('notice', onNotice)
      // A session cut by Cancel reports its end as an error: ours, expected, not the pool's news.
      const onCutError = () => undefined
      client.on('error', onCutError)
      // The ReadyForQuery status tells whether the script left a transaction open.
      const stopReading = onReadyForQuery(client, (status) => (transactionStatus = status))
      detach = () => {
        client?.off('notice', onNotice)
        client?.off('error', onCutError)
        stopReading()
      }
      // Transaction mode: the first statement opens the transaction the buttons end.
      if (session && session.state.transaction === 'none') await client.query('begin')
      for (const [index, statement] of statements.entries()) {
        current = snapshot.results[index]!
        if (run.cancelRequested) break
        await runStatement(run, statement, current, { spoolDir, typeNames: this.typeNames, openSpool: this.options.openSpool ?? ((file) => new ResultSpool(file)) })
        this.options.onStatementFinished?.(snapshot.connectionId, statement.text, current)
        if (current.status === 'error' || current.status === 'cancelled') break
      }
      for (const rest of snapshot.results) {
        if (rest.status !== 'pending') continue
        rest.status = current?.status === 'error' ? 'skipped' : 'cancelled'
        progress.changed(rest.index)
      }
      if (run.cut) broken = new Error('Cancel cut the session while rows were still coming')
      else if (!session && transactionStatus !== 'I') {
        await client.query('rollback')
        current?.notices.push({
          severity: 'WARNING',
          message: 'The script left a transaction open; Tusk rolled it back so the connection goes back to the pool clean.'
        })
        if (current) progress.changed(current.index)
      }
    } catch (error) {
      if (isConnectionLost(error as Error) || run.cut) broken = error as Error
      const failed = current && current.status === 'running' ? current : !current ? snapshot.results[0]! : null
      if (failed) {
        failed.status = 'error'
        failed.error = failureData(this.options.pools, snapshot.connectionId, error)
        progress.changed(failed.index)
      }
    } finally {
      detach()
      run.client = null
      if (session) {
        session.busy = false
        if (broken) this.options.sessions?.drop(session, broken)
      } else if (client) {
        // The pool resets the session on its way back (DISCARD ALL: postgres/session-reset.ts).
        client.release(broken)
      }
      const failed = snapshot.results.some((r) => r.status === 'error')
      snapshot.state = failed ? 'failed' : run.cancelRequested ? 'cancelled' : 'done'
      progress.end()
    }
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
