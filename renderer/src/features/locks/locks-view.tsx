/**
 * Who blocks whom, drawn so a room can follow it: root blockers on the left,
 * each waiter to the right of what it waits for; solid arrows for hard blocks
 * (a conflicting lock is held), dashed for queue-order blocks, red for cycles.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import type { LockEdge } from '@shared/locks/lock-graph'
import { edgeKey, layoutLockGraph, nodeHeight, nodeWidth } from './lock-graph-layout'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import { usePanZoom } from '../../ui/use-pan-zoom'
import { useWatchedServers } from '../../app-state/watched-servers-store'
import { LockQueues } from './lock-queues'
import { selectConnectedId, useConnections } from '../../app-state/connections-store'
import { readOnlyActionTitle, useIsReadOnly } from '../../app-state/read-only'
import { blockingScenario, signalBackend } from './locks-actions'

/** No server watched yet: one empty list, so the layout is not redone on every render. */
const noEdges: LockEdge[] = []

export function LocksView({ active }: { active: boolean }) {
  const connectionId = useConnections(selectConnectedId)
  const readOnly = useIsReadOnly(connectionId)
  const server = useWatchedServers((s) => (connectionId ? s.servers[connectionId] : undefined))
  const [selectedPid, setSelectedPid] = useState<number | null>(null)
  const [scenarioRunning, setScenarioRunning] = useState(false)
  useEffect(() => (active && connectionId ? useWatchedServers.getState().follow(connectionId) : undefined), [active, connectionId])

  const edges = server?.edges ?? noEdges
  const layout = useMemo(() => layoutLockGraph(edges), [edges])
  const sessions = server?.sessions ?? new Map<number, ActivitySession>()

  const scenario = async (action: 'start' | 'stop') => {
    if (!connectionId) return
    const running = await blockingScenario(connectionId, action)
    if (running !== null) setScenarioRunning(running)
  }

  if (!connectionId) return <p className="muted activity-empty">Connect to a server to see its locks.</p>
  const selected = selectedPid !== null ? sessions.get(selectedPid) : undefined
  return (
    <section className="locks-view" aria-label="Locks">
      <div className="locks-toolbar">
        <span className="legend">
          <svg width="46" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="46" y2="5" className="edge-hard" />
          </svg>
          holds a conflicting lock
          <svg width="46" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="46" y2="5" className="edge-soft" />
          </svg>
          queued ahead
        </span>
        <span className="spacer" />
        {connectionId === sandboxConnectionId &&
          (scenarioRunning ? (
            <button className="danger" onClick={() => void scenario('stop')}>
              Stop the blocking scenario
            </button>
          ) : (
            <button
              className="primary"
              disabled={readOnly}
              onClick={() => void scenario('start')}
              title={readOnly ? readOnlyActionTitle : 'Three sessions: a long transaction, an ALTER TABLE queued behind it, reads queued behind that'}
            >
              Start the blocking scenario
            </button>
          ))}
      </div>
      {edges.length === 0 ? (
        <p className="locks-empty">No session is waiting for a lock.</p>
      ) : (
        <div className="locks-body">
          <LockGraph edges={edges} layout={layout} sessions={sessions} selectedPid={selectedPid} onSelect={setSelectedPid} />
          {selectedPid !== null && (
            <LockDetails pid={selectedPid} session={selected} edges={edges} connectionId={connectionId} readOnly={readOnly} onClose={() => setSelectedPid(null)} />
          )}
        </div>
      )}
      <LockQueues edges={edges} sessions={sessions} />
    </section>
  )
}

function LockGraph({
  edges,
  layout,
  sessions,
  selectedPid,
  onSelect
}: {
  edges: LockEdge[]
  layout: ReturnType<typeof layoutLockGraph>
  sessions: Map<number, ActivitySession>
  selectedPid: number | null
  onSelect: (pid: number) => void
}) {
  const svgRef = useRef<SVGSVGElement>(null)
  const contentRef = useRef<SVGGElement>(null)
  const { fit } = usePanZoom(svgRef, contentRef, [0.1, 3])
  // Fit the whole graph on screen when its shape changes (a room must see all of it).
  const shape = `${layout.width}x${layout.height}`
  useEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const { width, height } = svg.getBoundingClientRect()
    const k = Math.min(1.4, (width - 48) / Math.max(1, layout.width), (height - 48) / Math.max(1, layout.height + 40))
    fit(24, 40, Math.max(0.1, k))
    // Fitted when the shape changes, not on every render (`fit` is a new function each time).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape])
  const at = new Map(layout.nodes.map((n) => [n.pid, n]))
  const now = Date.now()
  return (
    <svg ref={svgRef} className="lock-graph" role="img" aria-label={`Lock graph: ${edges.length} waits`}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
      <g ref={contentRef}>
        {edges.map((e) => {
          const from = at.get(e.waiterPid)
          const to = at.get(e.blockerPid)
          if (!from || !to) return null
          const cycle = layout.cycleEdges.has(edgeKey(e))
          // From the waiter's top edge up to the blocker's bottom edge.
          const x1 = from.x + nodeWidth / 2
          const y1 = from.y
          const x2 = to.x + nodeWidth / 2
          const y2 = to.y + nodeHeight
          const midY = (y1 + y2) / 2
          const d = y1 > y2 ? `M${x1},${y1} C${x1},${midY} ${x2},${midY} ${x2},${y2}` : `M${x1},${y1} C${x1 + 160},${y1 - 80} ${x2 + 160},${y2 + 80} ${x2},${y2}`
          // Labels sit just above their waiter: siblings never share a spot.
          const labelX = x1
          return (
            <g key={`${edgeKey(e)}-${e.locktype}`} className={`lock-edge edge-${e.kind}${cycle ? ' edge-cycle' : ''}`} data-kind={e.kind}>
              <path d={d} markerEnd="url(#arrow)" />
              <text x={labelX} y={y1 - 36} textAnchor="middle">
                {e.mode.replace('Lock', '')}
                {e.blockerMode ? ` vs ${e.blockerMode.replace('Lock', '')}` : ''}
              </text>
              <text x={labelX} y={y1 - 16} textAnchor="middle" className="edge-relation">
                {cycle ? 'deadlock cycle · ' : ''}
                {e.relation ?? e.locktype}
              </text>
            </g>
          )
        })}
        {layout.nodes.map((n) => {
          const s = sessions.get(n.pid)
          const age = s?.transactionStart ? (now - s.transactionStart) / 1000 : 0
          // Older transactions draw a thicker frame: they are the ones to look at.
          const frame = Math.min(8, 2 + Math.log2(1 + age))
          return (
            <g
              key={n.pid}
              transform={`translate(${n.x},${n.y})`}
              className={`lock-node${n.isRoot ? ' root' : ''}${n.onCycle ? ' cycle' : ''}${selectedPid === n.pid ? ' selected' : ''}`}
              data-pid={n.pid}
              role="button"
              tabIndex={0}
              aria-label={`Session ${n.pid}${n.isRoot ? ', root blocker' : ''}`}
              onClick={() => onSelect(n.pid)}
              onKeyDown={(event) => event.key === 'Enter' && onSelect(n.pid)}
            >
              <rect width={nodeWidth} height={nodeHeight} rx={10} strokeWidth={frame} />
              <text x={12} y={24} className="node-title">
                {n.pid === 0 ? 'prepared transaction' : `pid ${n.pid}`}
                {n.isRoot ? '  ·  ROOT BLOCKER' : ''}
              </text>
              <text x={12} y={46} className="node-meta">
                {s ? `${s.user ?? ''} · ${s.state ?? ''}${age ? ` · tx ${age.toFixed(0)} s` : ''}` : ''}
              </text>
              <text x={12} y={68} className="node-query">
                {(s?.query ?? '').replace(/\s+/g, ' ').slice(0, 31)}
              </text>
            </g>
          )
        })}
      </g>
    </svg>
  )
}

function LockDetails({
  pid,
  session,
  edges,
  connectionId,
  readOnly,
  onClose
}: {
  pid: number
  session: ActivitySession | undefined
  edges: LockEdge[]
  connectionId: string
  readOnly: boolean
  onClose: () => void
}) {
  const waitsFor = edges.filter((e) => e.waiterPid === pid)
  const blocks = edges.filter((e) => e.blockerPid === pid)
  const signal = (action: 'cancel' | 'terminate') => signalBackend(connectionId, pid, action)
  return (
    <aside className="lock-details" aria-label={`Session ${pid}`}>
      <header>
        <strong>Session {pid}</strong>
        <span className="spacer" />
        <button className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {session && (
        <p className="muted">
          {session.user}@{session.database} · {session.application} · {session.state}
        </p>
      )}
      {session?.query && <pre>{session.query}</pre>}
      {waitsFor.length > 0 && <h4>Waits for</h4>}
      <ul>
        {waitsFor.map((e) => (
          <li key={`w${e.blockerPid}`}>
            {e.mode} on {e.relation ?? e.locktype} — pid {e.blockerPid} {e.kind === 'hard' ? `holds ${e.blockerMode}` : `is queued ahead (${e.blockerMode ?? '?'})`}
          </li>
        ))}
      </ul>
      {blocks.length > 0 && <h4>Blocks</h4>}
      <ul>
        {blocks.map((e) => (
          <li key={`b${e.waiterPid}`}>
            pid {e.waiterPid}, which wants {e.mode} on {e.relation ?? e.locktype}
          </li>
        ))}
      </ul>
      {pid !== 0 && (
        <div className="lock-actions">
          <button disabled={readOnly} title={readOnly ? readOnlyActionTitle : undefined} onClick={() => void signal('cancel')}>
            Cancel query
          </button>
          <button className="danger" disabled={readOnly} title={readOnly ? readOnlyActionTitle : undefined} onClick={() => void signal('terminate')}>
            Terminate
          </button>
        </div>
      )}
    </aside>
  )
}
