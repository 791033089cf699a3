/**
 * The SQL tab: editor, Run / Run script / Cancel, a running timer with the
 * backend pid, and one result per statement.
 *
 * It renders the stores and dispatches query-actions.ts; what other
 * capabilities add (Explain, the schema browser, statement locks) comes in
 * through `slots`.
 */
import { useEffect, useRef, useState } from 'react'
import { changesSchema } from '@shared/schema/completion-schema'
import { selectSelected, useConnections } from '../../app-state/connections-store'
import { formatMs, useElapsed } from '../../ui/elapsed-time'
import { ToolbarMenu } from '../../ui/toolbar-menu'
import { useCompletions } from './completion-store'
import { useEditorTabs } from './editor-tabs-store'
import { HistoryPanel } from './history-panel'
import { cancelRun, leaveWorkspace, previewTable, probeLocks, refreshCompletions, runSql } from './query-actions'
import { useQueryRuns } from './query-run-store'
import { SqlEditor, type EditorMarker, type RunRequest } from './sql-editor'
import { StatementResults } from './statement-results'
import { TransactionControls } from './transaction-controls'
import { useTransactions } from './transaction-store'
import type { WorkspaceSlots } from './workspace-slots'
import { patchWorkspace, useWorkspace } from './workspace-store'

export function SqlWorkspace({ tabId, slots }: { tabId: string; slots: WorkspaceSlots }) {
  const { ExplainControls, SchemaBrowser, TablePage, StatementLocks } = slots
  const connection = useConnections(selectSelected)
  const sql = useEditorTabs((s) => s.tabs.find((t) => t.id === tabId)?.sql ?? '')
  const setSql = (text: string) => useEditorTabs.getState().setSql(tabId, text)
  const current = useWorkspace(tabId, 'current')
  const startError = useWorkspace(tabId, 'error')
  const lockProbe = useWorkspace(tabId, 'lockProbe')
  const openTable = useWorkspace(tabId, 'openTable')
  const [showHistory, setShowHistory] = useState(false)
  const [showSchema, setShowSchema] = useState(true)
  // Only what the toolbar and editor show of the run: a big result's progress (ten events a second) re-renders its
  // results, not the editor and the schema tree.
  const runId = useQueryRuns((s) => (current ? s.runs[current.runId]?.runId : undefined))
  const runState = useQueryRuns((s) => (current ? s.runs[current.runId]?.state : undefined))
  const startedAt = useQueryRuns((s) => (current ? s.runs[current.runId]?.startedAt : undefined))
  const backendPid = useQueryRuns((s) => (current ? s.runs[current.runId]?.backendPid : undefined))
  const runConnectionId = useQueryRuns((s) => (current ? s.runs[current.runId]?.connectionId : undefined))
  const ranDdl = useQueryRuns((s) => (current ? (s.runs[current.runId]?.results.some((r) => changesSchema(r.command)) ?? false) : false))
  const failed = useQueryRuns((s) => (current ? s.runs[current.runId]?.results.find((r) => r.error?.position !== undefined)?.error : undefined))
  const runRef = useRef<{ statement: () => void; script: () => void; current: () => RunRequest } | null>(null)
  const running = runState === 'running'
  const usable = connection?.state === 'connected'

  const connectionId = usable ? connection.profile.id : null
  const completion = useCompletions((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  useEffect(() => {
    if (connectionId) void refreshCompletions(connectionId)
  }, [connectionId])
  // DDL makes the names stale: refresh once the run is over.
  const finishedDdl = runId !== undefined && !running && ranDdl
  const ddlRunId = finishedDdl ? runId : null
  const ddlConnectionId = finishedDdl ? (runConnectionId ?? null) : null
  useEffect(() => {
    if (ddlRunId !== null && ddlConnectionId !== null) void refreshCompletions(ddlConnectionId)
  }, [ddlRunId, ddlConnectionId])
  // Leaving the workspace cancels what it runs.
  useEffect(() => () => leaveWorkspace(tabId), [tabId])

  const start = (request: RunRequest) => {
    if (connectionId) void runSql(tabId, connectionId, request)
  }
  const setError = (error: typeof startError) => patchWorkspace(tabId, { error })
  const setOpenTable = (table: typeof openTable) => patchWorkspace(tabId, { openTable: table })

  const inTransactionMode = useTransactions((s) => s.byTab[tabId] !== undefined)
  const explainControls = <ExplainControls ownerId={tabId} connectionId={connectionId} disabled={!usable || running} statement={() => runRef.current?.current()} onError={setError} />

  const marker: EditorMarker | null = failed && current ? { position: current.baseOffset + failed.position!, message: failed.message } : null

  return (
    <section className="sql-workspace" aria-label="SQL">
      <div className="query-toolbar">
        {connection?.profile.readOnly && <span className="badge badge-readonly">read-only</span>}
        {!usable && <span className="muted">{connection ? 'Connect to run queries' : 'No connection selected'}</span>}
        <TransactionControls tabId={tabId} connectionId={connectionId} disabled={!usable || running} />
        <span className="spacer" />
        {!inTransactionMode && explainControls}
        <ToolbarMenu label="More">
          {/* Transaction mode adds its badge, Commit and Rollback: the statement tools move here so the toolbar stays one row. */}
          {inTransactionMode && explainControls}
          <button
            disabled={!usable || running || connection?.profile.readOnly}
            title={
              connection?.profile.readOnly
                ? 'Turned off: this connection is read-only, and the statement would really run (inside BEGIN … ROLLBACK)'
                : 'Runs the statement inside BEGIN … ROLLBACK and lists the locks it takes'
            }
            onClick={() => {
              const request = runRef.current?.current()
              if (request && connectionId) void probeLocks(tabId, connectionId, request)
            }}
          >
            What does this lock?
          </button>
          <button aria-pressed={showSchema} onClick={() => setShowSchema((v) => !v)}>
            Schema
          </button>
          <button aria-pressed={showHistory} onClick={() => setShowHistory((v) => !v)}>
            History
          </button>
        </ToolbarMenu>
        {running && <RunTimer startedAt={startedAt!} backendPid={backendPid ?? null} />}
        {running ? (
          <button className="danger" onClick={() => cancelRun(runId!)}>
            Cancel
          </button>
        ) : (
          <>
            <button onClick={() => runRef.current?.script()} disabled={!usable} title="Run the whole script (Ctrl+Shift+Enter)">
              Run script
            </button>
            <button className="primary" onClick={() => runRef.current?.statement()} disabled={!usable} title="Run the statement under the cursor, or the selection (Ctrl+Enter)">
              Run
            </button>
          </>
        )}
      </div>
      <div className="workspace-body">
        {showSchema && connectionId && (
          <SchemaBrowser connectionId={connectionId} refreshKey={finishedDdl ? runId : ''} onOpen={(schema, name) => setOpenTable({ schema, name })} />
        )}
        <div className="workspace-main">
          <div className="editor-row">
            <SqlEditor value={sql} onChange={setSql} onRun={start} marker={marker} completion={completion} runRef={runRef} />
            {showHistory && <HistoryPanel onOpen={setSql} refreshKey={`${runId}-${runState}`} />}
          </div>
          {startError && (
            <div className="query-error" role="alert">
              {startError.message} {startError.hint}
            </div>
          )}
          {lockProbe ? (
            <StatementLocks result={lockProbe} onClose={() => patchWorkspace(tabId, { lockProbe: null })} />
          ) : openTable && connectionId ? (
            <TablePage
              connectionId={connectionId}
              schema={openTable.schema}
              name={openTable.name}
              onClose={() => setOpenTable(null)}
              onPreview={() => void previewTable(tabId, connectionId, openTable.schema, openTable.name)}
            />
          ) : (
            runId && current && <StatementResults key={runId} runId={runId} submittedSql={current.sql} />
          )}
        </div>
      </div>
    </section>
  )
}

/** "1.25 s · pid 4242": ticks ten times a second on its own, not with the whole workspace. */
function RunTimer({ startedAt, backendPid }: { startedAt: number; backendPid: number | null }) {
  const elapsed = useElapsed(startedAt)
  return (
    <span className="run-timer" role="timer" aria-label="Running" title={`Server process (pid) ${backendPid ?? 'not known yet'}`}>
      {formatMs(elapsed)} · pid {backendPid ?? '…'}
    </span>
  )
}
