/**
 * What the SQL workspace does with the engine: run a statement or a script
 * (asking first when it would write without a WHERE), cancel it, forget the
 * run it replaces, cancel what runs when the workspace goes away, probe the
 * locks a statement takes, preview a table; and the reads around them
 * (completion names, history, result pages).
 *
 * Components call these and render the stores they update (workspace-store,
 * query-run-store, completion-store).
 */
import type { AppErrorData } from '@shared/base/app-error'
import type { HistoryEntry } from '@shared/query/query-history'
import { missesProgress, type QueryRunProgress } from '@shared/query/query-run'
import { quoteIdentifier } from '@shared/sql/quote-identifier'
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { errorData } from '../../app-state/notice-store'
import { setCompletions } from './completion-store'
import { useEditorTabs } from './editor-tabs-store'
import type { PageRow } from './page-cache'
import { catchUpRun, dropRun, receiveRunProgress, trackRun, useQueryRuns } from './query-run-store'
import type { RunRequest } from './sql-editor'
import { endTransaction } from './transaction-actions'
import { useTransactions } from './transaction-store'
import { dropWorkspace, patchWorkspace, workspaceOf } from './workspace-store'

/** One subscription to run progress for every tab; returns the stop. */
export function followQueryRuns(): () => void {
  return api.subscribe('query.progress', onRunProgress)
}

/** Events held back while a run catches up, per run. */
const catchingUp = new Map<string, QueryRunProgress[]>()

/** Progress is deltas: one lost event (a dropped socket) would leave entries stale, so a gap fetches the run whole. */
function onRunProgress(progress: QueryRunProgress): void {
  const held = catchingUp.get(progress.runId)
  if (held) {
    held.push(progress)
    return
  }
  const run = useQueryRuns.getState().runs[progress.runId]
  if (!run || !missesProgress(run, progress)) return receiveRunProgress(progress)
  catchingUp.set(progress.runId, [progress])
  void api
    .request('query.snapshot', { runId: progress.runId })
    .then(({ run: current }) => catchUpRun(current, catchingUp.get(progress.runId) ?? []))
    .catch(() => catchUpRun(null, catchingUp.get(progress.runId) ?? []))
    .finally(() => catchingUp.delete(progress.runId))
}

/** Tells the main process the run's spooled rows are no longer needed, and drops its snapshot. */
function forgetRun(runId: string): void {
  void api.request('query.release', { runId }).catch(() => undefined)
  dropRun(runId)
}

/**
 * Runs `request` in the tab's workspace (in its transaction session, if any).
 * A statement that would change every row asks first; the new run replaces
 * the tab's previous one; a refusal to start is shown in the workspace.
 */
export async function runSql(tabId: string, connectionId: string, request: RunRequest, confirmed = false): Promise<void> {
  patchWorkspace(tabId, { error: null })
  try {
    const snapshot = await api.request('query.start', {
      connectionId,
      sql: request.sql,
      cursorOffset: request.cursorOffset,
      confirmUnboundedWrites: confirmed,
      sessionId: useTransactions.getState().byTab[tabId]?.sessionId
    })
    trackRun(snapshot)
    const previous = workspaceOf(tabId).current
    if (previous) forgetRun(previous.runId)
    // The results take the place of a table page or lock probe shown there: a run must be seen to run.
    patchWorkspace(tabId, { current: { runId: snapshot.runId, baseOffset: request.baseOffset, sql: request.sql }, openTable: null, lockProbe: null })
  } catch (error) {
    const data = errorData(error)
    if (data.code === 'query/needs-confirmation') {
      if (await askConfirmation(confirmRun(data, request.sql))) return runSql(tabId, connectionId, request, true)
      // Declined: the workspace keeps saying why the statement did not run.
    }
    patchWorkspace(tabId, { error: data })
  }
}

/** The question before a statement that needs a yes: the server's reason and the statement (it names it in `detail`). */
function confirmRun(data: AppErrorData, sql: string) {
  return { title: 'Run this statement?', message: data.message, statement: data.detail ?? sql, confirmLabel: 'Run it anyway', danger: true }
}

export function cancelRun(runId: string): void {
  void api.request('query.cancel', { runId })
}

/** The workspace goes away (its tab closed): what it runs is cancelled, its transaction rolled back with its session. */
export function leaveWorkspace(tabId: string): void {
  const current = workspaceOf(tabId).current
  if (current && useQueryRuns.getState().runs[current.runId]?.state === 'running') cancelRun(current.runId)
  void endTransaction(tabId, 'close').catch(() => undefined)
  dropWorkspace(tabId)
}

/** Runs the statement inside BEGIN … ROLLBACK on the server and shows the locks it took. */
export async function probeLocks(tabId: string, connectionId: string, request: RunRequest, confirmEffects = false): Promise<void> {
  try {
    const result = await api.request('locks.probeStatement', { connectionId, sql: request.sql, cursorOffset: request.cursorOffset, confirmEffects })
    patchWorkspace(tabId, { lockProbe: result, openTable: null })
  } catch (error) {
    const data = errorData(error)
    // It names what a rollback cannot undo (nextval, dblink…): the user decides.
    if (data.code === 'query/effects-need-confirmation') {
      if (await askConfirmation(confirmRun(data, request.sql))) return probeLocks(tabId, connectionId, request, true)
    }
    patchWorkspace(tabId, { error: data })
  }
}

/** The table page's "Preview data": its first rows, through the editor so the user sees the SQL. */
export function previewTable(tabId: string, connectionId: string, schema: string, name: string): Promise<void> {
  const sql = `select * from ${quoteIdentifier(schema)}.${quoteIdentifier(name)} limit 100`
  useEditorTabs.getState().setSql(tabId, sql)
  return runSql(tabId, connectionId, { sql, baseOffset: 0 })
}

/** Reads the connection's names for autocomplete; the editor works without them if this fails. */
export async function refreshCompletions(connectionId: string): Promise<void> {
  try {
    setCompletions(connectionId, await api.request('schema.completions', { connectionId }))
  } catch {
    // Completion is a convenience: the editor works without it.
  }
}

export function loadHistory(search: string): Promise<HistoryEntry[]> {
  return api.request('history.list', { search: search || undefined, limit: 200 })
}

/** One page of a statement's spooled rows, for the grid's page cache. */
export async function fetchRows(runId: string, resultIndex: number, offset: number, limit: number): Promise<PageRow[]> {
  return (await api.request('query.page', { runId, resultIndex, offset, limit })).rows
}
