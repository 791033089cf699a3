import { useState } from 'react'
import { plural } from '@shared/base/plural'
import type { QueryRunSnapshot, StatementResult } from '@shared/query/query-run'
import { formatMs } from '../../ui/elapsed-time'
import { ExportButtons } from './export-buttons'
import { useQueryRuns } from './query-run-store'
import { ResultGrid } from './result-grid'

/** Tabs drawn at once: a script of 10,000 statements shows a window of them, with steps to either side. */
const tabWindow = 40

/** One tab per statement of the run: rows, or "UPDATE 42", with duration, notices and errors. */
export function StatementResults({ runId, submittedSql }: { runId: string; submittedSql: string }) {
  const run = useQueryRuns((s) => s.runs[runId])
  return run ? <RunResults run={run} submittedSql={submittedSql} /> : null
}

function RunResults({ run, submittedSql }: { run: QueryRunSnapshot; submittedSql: string }) {
  const [chosen, setChosen] = useState<number | null>(null)
  // Follow the statement that is running, until the user picks one.
  const running = run.results.find((r) => r.status === 'running')
  const failed = run.results.find((r) => r.status === 'error')
  const active = run.results[chosen ?? failed?.index ?? running?.index ?? run.results.length - 1]!
  const first = Math.max(0, Math.min(active.index - tabWindow / 2, run.results.length - tabWindow))
  const shown = run.results.slice(first, first + tabWindow)
  const after = run.results.length - first - shown.length
  return (
    <div className="statement-results">
      {run.results.length > 1 && (
        <div className="result-tabs" role="tablist" aria-label="Statement results">
          {first > 0 && (
            <button className="result-tab" onClick={() => setChosen(Math.max(0, first - 1))}>
              ‹ {first.toLocaleString('en-US')} earlier
            </button>
          )}
          {shown.map((r) => (
            <button key={r.index} role="tab" aria-selected={r.index === active.index} className={`result-tab status-${r.status}`} onClick={() => setChosen(r.index)}>
              {r.index + 1} · {summary(r)}
            </button>
          ))}
          {after > 0 && (
            <button className="result-tab" onClick={() => setChosen(first + shown.length)}>
              {after.toLocaleString('en-US')} later ›
            </button>
          )}
        </div>
      )}
      <StatementResultView key={`${run.runId}-${active.index}`} run={run} result={active} sql={submittedSql.slice(active.start, active.end)} />
    </div>
  )
}

function StatementResultView({ run, result, sql }: { run: QueryRunSnapshot; result: StatementResult; sql: string }) {
  const runId = run.runId
  return (
    <div className="statement-result">
      <div className="result-summary" role="status">
        <span className="statement-preview">{result.preview}</span>
        <span>
          {summary(result)}
          {result.durationMs !== null && ` · ${formatMs(result.durationMs)}`}
        </span>
      </div>
      {result.returnsRows && result.status === 'done' && (
        <div className="result-actions">
          <ExportButtons connectionId={run.connectionId} sql={sql} />
        </div>
      )}
      {result.error && result.status !== 'cancelled' && (
        <div className="query-error" role="alert">
          <strong>{result.error.sqlstate ? `ERROR ${result.error.sqlstate}` : 'Error'}:</strong> {result.error.message}
          {result.error.detail && <div>Detail: {result.error.detail}</div>}
          {result.error.hint && <div>Hint: {result.error.hint}</div>}
        </div>
      )}
      {result.notices.length > 0 && (
        <ul className="notices" aria-label="Server notices">
          {result.notices.map((n, i) => (
            <li key={i}>
              <strong>{n.severity}:</strong> {n.message}
            </li>
          ))}
        </ul>
      )}
      {result.returnsRows && <ResultGrid runId={runId} resultIndex={result.index} rowCount={result.rowCount ?? 0} fields={result.fields} />}
    </div>
  )
}

function summary(r: StatementResult): string {
  if (r.status === 'pending') return 'waiting'
  if (r.status === 'skipped') return 'skipped (an earlier statement failed)'
  if (r.status === 'cancelled') return r.returnsRows ? `cancelled after ${plural(r.rowCount ?? 0, 'row')}` : 'cancelled'
  if (r.status === 'error') return 'error'
  if (r.returnsRows) return `${plural(r.rowCount ?? 0, 'row')}${r.status === 'running' ? '…' : ''}`
  if (r.status === 'running') return 'running…'
  return [r.command, r.rowCount].filter((x) => x !== null).join(' ')
}
