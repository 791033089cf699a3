/**
 * pg_stat_activity, live: connections against the limit, sessions by state,
 * rates as sparklines, and a filterable, sortable table of sessions with
 * parallel workers under their leader. Cancel / terminate after a confirm.
 */
import { useEffect, useMemo, useState } from 'react'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import { selectConnectedId, useConnections } from '../../app-state/connections-store'
import { readOnlyActionTitle, useIsReadOnly } from '../../app-state/read-only'
import { useWatchedServers } from '../../app-state/watched-servers-store'
import { DetailTable, type DetailRow } from '../../ui/detail-table'
import { signalSession } from './activity-actions'
import { Sparkline } from './sparkline'

type SortKey = 'pid' | 'database' | 'user' | 'application' | 'client' | 'backendType' | 'state' | 'wait' | 'xactAge' | 'queryAge'

const columns: Array<{ key: SortKey; label: string }> = [
  { key: 'pid', label: 'PID' },
  { key: 'database', label: 'Database' },
  { key: 'user', label: 'User' },
  { key: 'application', label: 'Application' },
  { key: 'client', label: 'Client' },
  { key: 'backendType', label: 'Backend' },
  { key: 'state', label: 'State' },
  { key: 'wait', label: 'Waiting on' },
  { key: 'xactAge', label: 'Transaction' },
  { key: 'queryAge', label: 'Query age' }
]

export function ActivityView({ active }: { active: boolean }) {
  const connectionId = useConnections(selectConnectedId)
  const readOnly = useIsReadOnly(connectionId)
  const server = useWatchedServers((s) => (connectionId ? s.servers[connectionId] : undefined))
  const [hideIdle, setHideIdle] = useState(true)
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'queryAge', descending: true })
  const [longQuerySec, setLongQuerySec] = useState(10)
  const [idleTxSec, setIdleTxSec] = useState(30)
  const [intervalMs, setIntervalMs] = useState(1000)
  const [openQuery, setOpenQuery] = useState<number | null>(null)

  // Watch only while this view is on screen: the server is left alone otherwise.
  useEffect(() => (active && connectionId ? useWatchedServers.getState().follow(connectionId, intervalMs) : undefined), [active, connectionId, intervalMs])

  const now = server?.at ?? Date.now()
  const rows = useMemo(() => {
    const all = [...(server?.sessions.values() ?? [])]
    const needle = search.trim().toLowerCase()
    const visible = all.filter(
      (s) =>
        (!hideIdle || (s.state !== 'idle' && s.backendType === 'client backend') || s.waitEventType === 'Lock') &&
        (!needle || [s.query, s.user, s.database, s.application, String(s.pid)].some((v) => v?.toLowerCase().includes(needle)))
    )
    const value = (s: ActivitySession): string | number => {
      switch (sort.key) {
        case 'xactAge':
          return s.transactionStart ? now - s.transactionStart : -1
        case 'queryAge':
          return s.queryStart && s.state === 'active' ? now - s.queryStart : -1
        case 'wait':
          return `${s.waitEventType ?? ''}${s.waitEvent ?? ''}`
        case 'pid':
          return s.pid
        default:
          return (s[sort.key] ?? '') as string
      }
    }
    const leaders = visible.filter((s) => s.leaderPid === null || s.leaderPid === s.pid)
    leaders.sort((a, b) => {
      const x = value(a)
      const y = value(b)
      const order = x < y ? -1 : x > y ? 1 : 0
      return sort.descending ? -order : order
    })
    // Parallel workers follow their leader.
    return leaders.flatMap((leader) => [leader, ...visible.filter((w) => w.leaderPid === leader.pid && w.pid !== leader.pid)])
  }, [server, hideIdle, search, sort, now])

  if (!connectionId) return <p className="muted activity-empty">Connect to a server to watch its activity.</p>
  const latest = server?.history.at(-1)?.stats
  const series = (pick: (s: NonNullable<typeof latest>) => number | null) => (server?.history ?? []).map((h) => pick(h.stats) ?? 0)

  return (
    <section className="activity-view" aria-label="Activity">
      {server?.error && (
        <div className="query-error" role="alert">
          {server.error.message} Reconnecting…
        </div>
      )}
      <div className="activity-stats">
        <Stat label="Connections" value={latest ? `${latest.connections} / ${latest.maxConnections}` : '…'} spark={series((s) => s.connections)} />
        <Stat label="Active" value={latest?.active} spark={series((s) => s.active)} />
        <Stat label="Idle" value={latest?.idle} spark={series((s) => s.idle)} />
        <Stat label="Idle in transaction" value={latest?.idleInTransaction} spark={series((s) => s.idleInTransaction)} warn={(latest?.idleInTransaction ?? 0) > 0} />
        <Stat label="Waiting on locks" value={latest?.waiting} spark={series((s) => s.waiting)} warn={(latest?.waiting ?? 0) > 0} />
        <Stat label="Transactions/s" value={latest?.transactionsPerSec?.toFixed(1)} spark={series((s) => s.transactionsPerSec)} />
        <Stat label="Cache hit" value={latest?.cacheHitRatio !== null && latest?.cacheHitRatio !== undefined ? `${(latest.cacheHitRatio * 100).toFixed(1)} %` : '—'} spark={series((s) => s.cacheHitRatio)} />
      </div>
      <div className="activity-filters">
        <label className="toggle">
          <input type="checkbox" checked={hideIdle} onChange={(e) => setHideIdle(e.target.checked)} /> Hide idle and background
        </label>
        <input type="search" placeholder="Filter by query, user, database, application, pid" aria-label="Filter sessions" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label>
          Long query after <input type="number" min={1} value={longQuerySec} onChange={(e) => setLongQuerySec(Number(e.target.value))} /> s
        </label>
        <label>
          Idle transaction after <input type="number" min={1} value={idleTxSec} onChange={(e) => setIdleTxSec(Number(e.target.value))} /> s
        </label>
        <label>
          Refresh every{' '}
          <select value={intervalMs} onChange={(e) => setIntervalMs(Number(e.target.value))} aria-label="Refresh interval">
            {[250, 500, 1000, 2000, 5000, 10_000].map((ms) => (
              <option key={ms} value={ms}>
                {ms < 1000 ? `${ms / 1000}` : ms / 1000} s
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{rows.length === 1 ? "1 session" : `${rows.length} sessions`} shown</span>
      </div>
      <div className="activity-table-scroll">
        <DetailTable
          className="activity-table"
          label="Sessions"
          head={[
            ...columns.map((c) => ({
              'aria-sort': sort.key === c.key ? (sort.descending ? ('descending' as const) : ('ascending' as const)) : ('none' as const),
              node: (
                <button onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : true }))}>
                  {c.label}
                  {sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                </button>
              )
            })),
            'Query',
            null
          ]}
          rows={rows.map((s): DetailRow => {
            const queryAge = s.queryStart && s.state === 'active' ? (now - s.queryStart) / 1000 : null
            const xactAge = s.transactionStart ? (now - s.transactionStart) / 1000 : null
            const flags = [
              queryAge !== null && queryAge > longQuerySec ? 'long-query' : '',
              s.state?.startsWith('idle in transaction') && xactAge !== null && xactAge > idleTxSec ? 'idle-tx' : '',
              s.waitEventType === 'Lock' ? 'waiting' : '',
              s.leaderPid !== null && s.leaderPid !== s.pid ? 'worker' : ''
            ].filter(Boolean)
            return {
              key: s.pid,
              attributes: { className: flags.join(' '), 'data-pid': s.pid },
              cells: [
                s.pid,
                s.database,
                s.user,
                s.application,
                s.client,
                s.backendType,
                s.state ?? s.backendType,
                s.waitEventType ? `${s.waitEventType}: ${s.waitEvent}` : '',
                xactAge !== null ? duration(xactAge) : '',
                queryAge !== null ? duration(queryAge) : '',
                {
                  className: `activity-query${openQuery === s.pid ? ' open' : ''}`,
                  title: openQuery === s.pid ? undefined : 'Click to show the whole query',
                  onClick: () => setOpenQuery(openQuery === s.pid ? null : s.pid),
                  node: s.query
                },
                {
                  className: 'activity-actions',
                  node: s.backendType === 'client backend' && (
                    <>
                      <button disabled={readOnly} title={readOnly ? readOnlyActionTitle : undefined} onClick={() => void signalSession(connectionId, s, 'cancel')}>
                        Cancel
                      </button>
                      <button className="danger" disabled={readOnly} title={readOnly ? readOnlyActionTitle : undefined} onClick={() => void signalSession(connectionId, s, 'terminate')}>
                        Terminate
                      </button>
                    </>
                  )
                }
              ]
            }
          })}
        />
      </div>
    </section>
  )
}

function Stat({ label, value, spark, warn }: { label: string; value: string | number | undefined; spark: number[]; warn?: boolean }) {
  return (
    <div className={`activity-stat${warn ? ' warn' : ''}`}>
      <span className="stat-label">{label}</span>
      <strong className="stat-value">{value ?? '…'}</strong>
      <Sparkline values={spark} label={label} />
    </div>
  )
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
}
