/**
 * pg_stat_activity, live: connections against the limit, sessions by state,
 * rates as sparklines, and a filterable, sortable table of sessions with
 * parallel workers under their leader. Cancel / terminate after a confirm.
 *
 * Each session is two rows: its figures with Cancel / Terminate at the end,
 * and its query on a line of its own across the table, so both stay on
 * screen at 1400 px. The connection's state comes from the connections store,
 * like the sidebar's: while the server is down the view says "Reconnecting…"
 * over the last sessions it saw.
 */
import { useEffect, useMemo, useState } from 'react'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import { presenceMessage } from '../../app-state/connections-state'
import { useConnectionPresence } from '../../app-state/connections-store'
import { readOnlyActionTitle, useIsReadOnly } from '../../app-state/read-only'
import { useWatchedServers } from '../../app-state/watched-servers-store'
import { DetailTable, type DetailRow } from '../../ui/detail-table'
import { applicationText, isClientBackend, sessionColumns, sessionStateText, sortValue, whoText, type SortKey } from './activity-columns'
import { signalSession } from './activity-actions'
import { Sparkline } from './sparkline'

export function ActivityView({ active }: { active: boolean }) {
  const presence = useConnectionPresence()
  // Shown while reconnecting too (the last sessions seen); watched, and acted on, only while connected.
  const connectionId = presence.kind === 'none' ? null : presence.id
  const liveId = presence.kind === 'live' ? presence.id : null
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
  useEffect(() => (active && liveId ? useWatchedServers.getState().follow(liveId, intervalMs) : undefined), [active, liveId, intervalMs])

  const now = server?.at ?? Date.now()
  const rows = useMemo(() => {
    const all = [...(server?.sessions.values() ?? [])]
    const needle = search.trim().toLowerCase()
    const visible = all.filter(
      (s) =>
        (!hideIdle || (s.state !== 'idle' && s.backendType === 'client backend') || s.waitEventType === 'Lock') &&
        (!needle || [s.query, s.user, s.database, s.application, String(s.pid)].some((v) => v?.toLowerCase().includes(needle)))
    )
    const value = (s: ActivitySession) => sortValue(s, sort.key, now)
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

  const message = presenceMessage(presence, 'watch its activity')
  // The last sessions stay on screen through a reconnect; a closed connection shows none.
  if (!connectionId || presence.kind === 'offline' || (presence.kind === 'waiting' && !server)) {
    return (
      <p className="muted activity-empty" role="status">
        {message}
      </p>
    )
  }
  const latest = server?.history.at(-1)?.stats
  const series = (pick: (s: NonNullable<typeof latest>) => number | null) => (server?.history ?? []).map((h) => pick(h.stats) ?? 0)
  const stale = presence.kind !== 'live'
  const actionTitle = readOnly ? readOnlyActionTitle : stale ? (message ?? undefined) : undefined

  return (
    <section className={`activity-view${stale ? ' stale' : ''}`} aria-label="Activity">
      {stale ? (
        <div className="activity-presence" role="status">
          {message} {server && `The sessions below are as of ${new Date(server.at).toLocaleTimeString()}.`}
        </div>
      ) : (
        server?.error && (
          <div className="query-error" role="alert">
            The activity could not be read: {server.error.message}
          </div>
        )
      )}
      <div className="activity-stats">
        <Stat label="Connections" value={latest ? `${latest.connections} / ${latest.maxConnections}` : '…'} spark={series((s) => s.connections)} />
        <Stat label="Active" value={latest?.active} spark={series((s) => s.active)} />
        <Stat label="Idle" value={latest?.idle} spark={series((s) => s.idle)} />
        <Stat label="Idle in transaction" value={latest?.idleInTransaction} spark={series((s) => s.idleInTransaction)} warn={(latest?.idleInTransaction ?? 0) > 0} />
        <Stat label="Waiting on locks" value={latest?.waiting} spark={series((s) => s.waiting)} warn={(latest?.waiting ?? 0) > 0} />
        <Stat label="Transactions per second" value={latest?.transactionsPerSec?.toFixed(1)} spark={series((s) => s.transactionsPerSec)} />
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
            ...sessionColumns.map((c) => ({
              className: `col-${c.key}`,
              title: c.title,
              'aria-sort': sort.key === c.key ? (sort.descending ? ('descending' as const) : ('ascending' as const)) : ('none' as const),
              node: (
                <button onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : true }))}>
                  {c.label}
                  {sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                </button>
              )
            })),
            { className: 'col-actions', node: <span className="visually-hidden">Actions</span> }
          ]}
          rows={rows.flatMap((s): DetailRow[] => {
            const queryAge = s.queryStart && s.state === 'active' ? (now - s.queryStart) / 1000 : null
            const xactAge = s.transactionStart ? (now - s.transactionStart) / 1000 : null
            const flags = [
              queryAge !== null && queryAge > longQuerySec ? 'long-query' : '',
              s.state?.startsWith('idle in transaction') && xactAge !== null && xactAge > idleTxSec ? 'idle-tx' : '',
              s.waitEventType === 'Lock' ? 'waiting' : '',
              s.leaderPid !== null && s.leaderPid !== s.pid ? 'worker' : ''
            ].filter(Boolean)
            const state = sessionStateText(s)
            const who = whoText(s)
            const application = applicationText(s)
            const wait = s.waitEventType ? `${s.waitEventType}: ${s.waitEvent}` : ''
            return [
              {
                key: s.pid,
                attributes: { className: ['session', ...flags].join(' '), 'data-pid': s.pid },
                cells: [
                  s.pid,
                  { node: who, title: who || undefined },
                  { node: application, title: application || undefined },
                  { node: state.text, title: state.text || undefined, className: state.background ? 'background-process' : undefined },
                  { node: wait, title: wait || undefined },
                  xactAge !== null ? duration(xactAge) : '',
                  { node: queryAge !== null ? duration(queryAge) : '', className: 'query-age' },
                  {
                    className: 'activity-actions',
                    node: isClientBackend(s) && (
                      <span className="activity-action-buttons">
                        <button disabled={readOnly || stale} title={actionTitle} onClick={() => liveId && void signalSession(liveId, s, 'cancel')}>
                          Cancel
                        </button>
                        <button className="danger" disabled={readOnly || stale} title={actionTitle} onClick={() => liveId && void signalSession(liveId, s, 'terminate')}>
                          Terminate
                        </button>
                      </span>
                    )
                  }
                ]
              },
              {
                key: `${s.pid}-query`,
                attributes: { className: ['session-query', ...flags].join(' '), 'data-pid': s.pid },
                cells: [
                  {
                    colSpan: sessionColumns.length + 1,
                    className: `activity-query${openQuery === s.pid ? ' open' : ''}`,
                    title: openQuery === s.pid ? undefined : 'Click to show the whole query',
                    onClick: () => setOpenQuery(openQuery === s.pid ? null : s.pid),
                    node: s.query || <span className="muted">{state.background ? 'no query: a background process' : 'no query yet'}</span>
                  }
                ]
              }
            ]
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
