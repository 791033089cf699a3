/**
 * Every statement run, newest first: search it, open one back in the editor.
 */
import { useEffect, useState } from 'react'
import { plural } from '@shared/base/plural'
import type { HistoryEntry } from '@shared/query/query-history'
import { formatMs } from '../../ui/elapsed-time'
import { loadHistory } from './query-actions'

export function HistoryPanel({ onOpen, refreshKey }: { onOpen: (sql: string) => void; refreshKey: string }) {
  const [search, setSearch] = useState('')
  // null until the first answer: "No statements yet." only once we know.
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => {
      loadHistory(search).then(
        (list) => {
          setEntries(list)
          setFailed(false)
        },
        () => setFailed(true)
      )
    }, 150)
    return () => clearTimeout(timer)
  }, [search, refreshKey])
  return (
    <aside className="history-panel" aria-label="History">
      <input type="search" placeholder="Search history" aria-label="Search history" value={search} onChange={(e) => setSearch(e.target.value)} />
      <ul aria-busy={entries === null}>
        {(entries ?? []).map((e) => (
          <li key={e.id} className={`history-${e.status}`}>
            <button onClick={() => onOpen(e.sql)} title="Open in the editor">
              <code>{e.sql.length > 160 ? `${e.sql.slice(0, 160)}…` : e.sql}</code>
              <span className="muted">
                {new Date(e.at).toLocaleTimeString()} · {e.connectionName} · {historySummary(e)}
                {e.durationMs !== null && ` · ${formatMs(e.durationMs)}`}
              </span>
            </button>
          </li>
        ))}
        {entries === null && !failed && (
          <li className="muted" role="status">
            Loading history…
          </li>
        )}
        {failed && <li className="field-error">The history could not be read.</li>}
        {entries?.length === 0 && <li className="muted">{search ? 'No statement matches.' : 'No statements yet.'}</li>}
      </ul>
    </aside>
  )
}

function historySummary(e: HistoryEntry): string {
  if (e.status === 'done') return [e.command, e.rowCount].filter((x) => x !== null).join(' ')
  if (e.status === 'cancelled' && e.rowCount !== null) return `cancelled after ${plural(e.rowCount, 'row')}`
  return e.status
}
