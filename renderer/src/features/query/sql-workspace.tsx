/**
 * The SQL tab: editor, Run / Run script / Cancel, a running timer with the
 * backend pid, and one result per statement.
 */
import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '@shared/rpc/app-error'
import { api } from '../../api/api'
import { errorData } from '../../app-state/notice-store'
import { selectSelected, useConnections } from '../../app-state/connections-store'
import { changesSchema } from '@shared/schema/completion-schema'
import { quoteIdentifier } from '@shared/schema/schema-tree'
import { SchemaTreePanel } from '../schema/schema-tree-panel'
import { TablePage } from '../schema/table-page'
import { useCompletions } from './completion-store'
import { HistoryPanel } from './history-panel'
import type { StatementLocks } from '@shared/locks/statement-locks'
import { StatementLocksPanel } from '../locks/statement-locks-panel'
import { useExplainRun } from '../explain/use-explain-run'
import { useEditorTabs } from './editor-tabs-store'
import { TransactionControls } from './transaction-controls'
import { useTransactions } from './transaction-store'
import { useQueryRuns } from './query-run-store'
import { SqlEditor, type EditorMarker, type RunRequest } from './sql-editor'
import { formatMs, StatementResults } from './statement-results'

export function SqlWorkspace({ tabId }: { tabId: string }) {
  const connection = useConnections(selectSelected)
  const sql = useEditorTabs((s) => s.tabs.find((t) => t.id === tabId)?.sql ?? '')
  const setSql = (text: string) => useEditorTabs.getState().setSql(tabId, text)
  const [current, setCurrent] = useState<{ runId: string; baseOffset: number; sql: string } | null>(null)
  const [showHistory, setShowHistory] = useState(false)
  const [showSchema, setShowSchema] = useState(true)
  const [openTable, setOpenTable] = useState<{ schema: string; name: string } | null>(null)
  const run = useQueryRuns((s) => (current ? s.runs[current.runId] : undefined))
  const [startError, setStartError] = useState<AppErrorData | null>(null)
  const runRef = useRef<{ statement: () => void; script: () => void; current: () => RunRequest } | null>(null)
  const [lockProbe, setLockProbe] = useState<StatementLocks | null>(null)
  const running = run?.state === 'running'
  const elapsed = useElapsed(running ? run.startedAt : null)
  const usable = connection?.state === 'connected'

  const connectionId = usable ? connection.profile.id : null
  const completion = useCompletions((s) => (connectionId ? s.byConnection[connectionId] : undefined))
  useEffect(() => {
    if (connectionId) void useCompletions.getState().refresh(connectionId)
  }, [connectionId])
  // DDL makes the names stale: refresh once the run is over.
  const finishedDdl = run && run.state !== 'running' && run.results.some((r) => changesSchema(r.command))
  useEffect(() => {
    if (finishedDdl && run) void useCompletions.getState().refresh(run.connectionId)
  }, [finishedDdl, run?.runId])
  // Leaving the workspace cancels what it runs.
  const latestRun = useRef(run)
  latestRun.current = run
  useEffect(
    () => () => {
      if (latestRun.current?.state === 'running') void api.request('query.cancel', { runId: latestRun.current.runId })
      // A closed tab's transaction is rolled back with its session.
      void useTransactions.getState().end(tabId, 'close').catch(() => undefined)
    },
    [tabId]
  )

  const start = async (request: RunRequest, confirmed = false) => {
    if (!connection || !usable) return
    setStartError(null)
    try {
      const snapshot = await api.request('query.start', {
        connectionId: connection.profile.id,
        sql: request.sql,
        cursorOffset: request.cursorOffset,
        confirmUnboundedWrites: confirmed,
        sessionId: useTransactions.getState().byTab[tabId]?.sessionId
      })
      useQueryRuns.getState().track(snapshot)
      if (current) useQueryRuns.getState().forget(current.runId)
      setCurrent({ runId: snapshot.runId, baseOffset: request.baseOffset, sql: request.sql })
    } catch (error) {
      const data = errorData(error)
      if (data.code === 'query/needs-confirmation' && confirm(`${data.message}\n\nRun it anyway?`)) return start(request, true)
      setStartError(data)
    }
  }

  const explainRun = useExplainRun(setStartError)
  const explaining = explainRun.explaining
  const explainElapsed = useElapsed(explaining?.startedAt ?? null)
  const explain = (analyze: boolean) => {
    const request = runRef.current?.current()
    if (request && connectionId) void explainRun.start(connectionId, request, analyze)
  }

  const failed = run?.results.find((r) => r.error?.position !== undefined)
  const marker: EditorMarker | null = failed && current ? { position: current.baseOffset + failed.error!.position!, message: failed.error!.message } : null

  return (
    <section className="sql-workspace" aria-label="SQL">
      <div className="query-toolbar">
        {connection?.profile.readOnly && <span className="badge badge-readonly">read-only</span>}
        {!usable && <span className="muted">{connection ? 'Connect to run queries' : 'No connection selected'}</span>}
        <TransactionControls tabId={tabId} connectionId={connectionId} disabled={!usable || running} />
        <span className="spacer" />
        {explaining ? (
          <>
            <span className="run-timer" role="timer" aria-label="Explaining">
              {formatMs(explainElapsed)}
            </span>
            <span className="muted" role="status">
              {explaining.analyze ? 'Explain Analyze runs the statement inside BEGIN … ROLLBACK: nothing it changes is kept' : 'Explaining (not executed)…'}
            </span>
            <button className="danger" onClick={explainRun.cancel}>
              Cancel explain
            </button>
          </>
        ) : (
          <>
            <button disabled={!usable || running} onClick={() => explain(false)} title="EXPLAIN the statement under the cursor (not executed)">
              Explain
            </button>
            <button disabled={!usable || running} onClick={() => explain(true)} title="Runs the statement inside BEGIN … ROLLBACK: nothing is kept">
              Explain Analyze
            </button>
          </>
        )}
        <button
          disabled={!usable || running || connection?.profile.readOnly}
          title="Runs the statement inside BEGIN … ROLLBACK and lists the locks it takes"
          onClick={() => {
            const request = runRef.current?.current()
            if (!request || !connectionId) return
            api.request('locks.probeStatement', { connectionId, sql: request.sql, cursorOffset: request.cursorOffset }).then(
              (result) => (setLockProbe(result), setOpenTable(null)),
              (error: unknown) => setStartError(errorData(error))
            )
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
        {running && (
          <span className="run-timer" role="timer" aria-label="Running">
            {formatMs(elapsed)} · pid {run.backendPid ?? '…'}
          </span>
        )}
        {running ? (
          <button className="danger" onClick={() => void api.request('query.cancel', { runId: run.runId })}>
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
          <SchemaTreePanel connectionId={connectionId} refreshKey={finishedDdl ? (run?.runId ?? '') : ''} onOpen={(schema, name) => setOpenTable({ schema, name })} />
        )}
        <div className="workspace-main">
          <div className="editor-row">
            <SqlEditor value={sql} onChange={setSql} onRun={(request) => void start(request)} marker={marker} completion={completion} runRef={runRef} />
            {showHistory && <HistoryPanel onOpen={setSql} refreshKey={`${run?.runId}-${run?.state}`} />}
          </div>
          {startError && (
            <div className="query-error" role="alert">
              {startError.message} {startError.hint}
            </div>
          )}
          {lockProbe ? (
            <StatementLocksPanel result={lockProbe} onClose={() => setLockProbe(null)} />
          ) : openTable && connectionId ? (
            <TablePage
              connectionId={connectionId}
              schema={openTable.schema}
              name={openTable.name}
              onClose={() => setOpenTable(null)}
              onPreview={() => {
                const preview = `select * from ${quoteIdentifier(openTable.schema)}.${quoteIdentifier(openTable.name)} limit 100`
                setSql(preview)
                setOpenTable(null)
                void start({ sql: preview, baseOffset: 0 })
              }}
            />
          ) : (
            run && current && <StatementResults key={run.runId} run={run} submittedSql={current.sql} />
          )}
        </div>
      </div>
    </section>
  )
}

function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (since === null) return
    const timer = setInterval(() => setNow(Date.now()), 100)
    return () => clearInterval(timer)
  }, [since])
  return since === null ? 0 : Math.max(0, now - since)
}
