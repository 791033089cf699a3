/**
 * The SQL tab for now: a text area, Run, and the first rows of the result.
 *
 * The SQL workspace issue replaces this with CodeMirror, streaming and a
 * virtual grid; what the user typed is kept across tab switches meanwhile.
 */
import { useState } from 'react'
import type { SimpleQueryResult } from '../../../../shared/query/query-result'
import type { AppErrorData } from '../../../../shared/rpc/app-error'
import { api } from '../../api/api'
import { errorData } from '../../app/notice-store'
import { selectSelected, useConnections } from '../connections/connections-store'
import { useQueryDraft } from './query-draft-store'

export function QueryPanel() {
  const connection = useConnections(selectSelected)
  const sql = useQueryDraft((s) => s.sql)
  const setSql = useQueryDraft((s) => s.setSql)
  const [result, setResult] = useState<SimpleQueryResult | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [running, setRunning] = useState(false)
  const usable = connection?.state === 'connected'

  const run = async () => {
    if (!connection || !sql.trim()) return
    setRunning(true)
    setError(null)
    try {
      setResult(await api.request('query.run', { connectionId: connection.profile.id, sql, maxRows: 500 }))
    } catch (e) {
      setResult(null)
      setError(errorData(e))
    } finally {
      setRunning(false)
    }
  }

  return (
    <section className="query-panel" aria-label="SQL">
      <div className="query-toolbar">
        <span className="muted">
          {connection ? `On ${connection.profile.name}${connection.profile.readOnly ? ' (read-only)' : ''}` : 'No connection selected'}
        </span>
        <button className="primary" onClick={() => void run()} disabled={!usable || running} title="Run (Ctrl+Enter)">
          {running ? 'Running…' : 'Run'}
        </button>
      </div>
      <textarea
        className="sql-input"
        aria-label="SQL editor"
        value={sql}
        spellCheck={false}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            void run()
          }
        }}
      />
      {error && (
        <div className="query-error" role="alert">
          <strong>{error.sqlstate ? `ERROR ${error.sqlstate}` : 'Error'}:</strong> {error.message}
          {error.detail && <div>Detail: {error.detail}</div>}
          {error.hint && <div>Hint: {error.hint}</div>}
        </div>
      )}
      {result && <ResultTable result={result} />}
    </section>
  )
}

function ResultTable({ result }: { result: SimpleQueryResult }) {
  return (
    <div className="result">
      <div className="result-summary" role="status">
        {result.command} {result.rowCount ?? ''} · {result.durationMs.toFixed(1)} ms{result.truncated ? ' · first rows only' : ''}
      </div>
      {result.fields.length > 0 && (
        <div className="result-scroll">
          <table className="result-table">
            <thead>
              <tr>
                {result.fields.map((f, i) => (
                  <th key={i}>
                    {f.name}
                    <span className="type-name">{f.typeName}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={cell === null ? 'null' : undefined}>
                      {cell === null ? 'NULL' : String(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
