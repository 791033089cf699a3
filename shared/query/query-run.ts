/**
 * A running script, as the renderer sees it: one entry per statement, updated
 * by `query.progress` events; rows themselves are fetched page by page.
 */
import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'
import { resultFieldSchema } from './query-result'

/** `skipped`: never ran, because an earlier statement of the script failed (a cancel leaves the rest `cancelled`). */
export const statementStatuses = ['pending', 'running', 'done', 'error', 'cancelled', 'skipped'] as const

export const serverNoticeSchema = z.object({ severity: z.string(), message: z.string(), detail: z.string().optional(), hint: z.string().optional() })
export type ServerNotice = z.infer<typeof serverNoticeSchema>

export const statementResultSchema = z.object({
  index: z.number().int(),
  /** Offsets of the statement in the submitted text (for error markers and highlighting). */
  start: z.number().int(),
  end: z.number().int(),
  /** The statement's first characters, for tab titles. */
  preview: z.string(),
  status: z.enum(statementStatuses),
  /** Command tag: SELECT, UPDATE, CREATE TABLE… */
  command: z.string().nullable(),
  /** Rows spooled so far (row-returning statements) or rows affected (writes). */
  rowCount: z.number().int().nullable(),
  /** True for statements that return rows: their rows are paged with query.page. */
  returnsRows: z.boolean(),
  fields: z.array(resultFieldSchema),
  durationMs: z.number().nullable(),
  notices: z.array(serverNoticeSchema),
  /** Its `position` is an offset into the submitted text, not into the statement. */
  error: appErrorDataSchema.nullable()
})
export type StatementResult = z.infer<typeof statementResultSchema>

/** A statement's entry before it runs. */
export function pendingStatement(index: number, start: number, end: number, text: string): StatementResult {
  return {
    index,
    start,
    end,
    preview: text.replace(/\s+/g, ' ').slice(0, 80),
    status: 'pending',
    command: null,
    rowCount: null,
    returnsRows: false,
    fields: [],
    durationMs: null,
    notices: [],
    error: null
  }
}

export const runStates = ['running', 'done', 'failed', 'cancelled'] as const

export const queryRunSnapshotSchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  backendPid: z.number().int().nullable(),
  state: z.enum(runStates),
  startedAt: z.number(),
  elapsedMs: z.number(),
  /** How many progress events the run has published: a snapshot stands after the event of that number. */
  progressSeq: z.number().int(),
  results: z.array(statementResultSchema)
})
export type QueryRunSnapshot = z.infer<typeof queryRunSnapshotSchema>

/** Raw text as PostgreSQL prints it (NULL stays null, distinct from ''). */
export const pageCellSchema = z.string().nullable()
export const resultPageSchema = z.object({ offset: z.number().int(), rows: z.array(z.array(pageCellSchema)) })
export type ResultPage = z.infer<typeof resultPageSchema>

/** A screenful and more: how many of a result's first rows ride along with its progress events. */
export const firstRowsSent = 100

/** How many rows one page request may ask for. */
export const maxPageRows = 2000

/**
 * What changed in a run since the last event: its state, and the entries of
 * the statements that changed (whole entries: a statement's entry is small).
 *
 * Never the whole list again: a script of 10,000 statements costs events in
 * proportion to its length, not its square.
 */
export const queryRunProgressSchema = z.object({
  runId: z.string(),
  /** 1, 2, 3… per run: a gap means an event was lost (a dropped socket), and only a fresh snapshot repairs it. */
  seq: z.number().int(),
  backendPid: z.number().int().nullable(),
  state: z.enum(runStates),
  elapsedMs: z.number(),
  changed: z.array(statementResultSchema),
  /**
   * A streaming result's first rows (at most `firstRowsSent`, 64 KB), in its first events only: the grid draws the first
   * screenful with the count, without a page request that waits behind the main process's work.
   */
  firstRows: z.array(z.object({ index: z.number().int(), rows: z.array(z.array(pageCellSchema)).max(firstRowsSent) })).optional()
})
export type QueryRunProgress = z.infer<typeof queryRunProgressSchema>

/** The run after `progress`: changed entries replace theirs, the others are kept as they are (same objects). */
export function applyRunProgress(run: QueryRunSnapshot, progress: QueryRunProgress): QueryRunSnapshot {
  // Already in this snapshot (an event that overtook the snapshot it is part of).
  if (progress.runId !== run.runId || progress.seq <= run.progressSeq) return run
  let results = run.results
  if (progress.changed.length > 0) {
    results = results.slice()
    for (const entry of progress.changed) if (entry.index >= 0 && entry.index < results.length) results[entry.index] = entry
  }
  return { ...run, backendPid: progress.backendPid, state: progress.state, elapsedMs: progress.elapsedMs, progressSeq: progress.seq, results }
}

/** True when events before `progress` never arrived: folding it would leave the entries they changed stale. */
export function missesProgress(run: QueryRunSnapshot, progress: QueryRunProgress): boolean {
  return progress.runId === run.runId && progress.seq > run.progressSeq + 1
}
