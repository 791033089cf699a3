/**
 * Who blocks whom, drawn so a room can follow it: root blockers on top, each
 * waiter below what it waits for; solid arrows for hard blocks (a conflicting
 * lock is held), dashed for queue-order blocks, red for cycles. A session's
 * details close when it leaves the graph (terminated, or no longer waiting).
 */
import { useEffect, useMemo, useState } from 'react'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import type { LockEdge } from '@shared/locks/lock-graph'
import { layoutLockGraph } from './lock-graph-layout'
import { LockGraph } from './lock-graph'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import { useWatchedServers } from '../../app-state/watched-servers-store'
import { LockQueues } from './lock-queues'
import { selectConnectedId, useConnectionPresence, useConnections } from '../../app-state/connections-store'
import { presenceMessage } from '../../app-state/connections-state'
import { readOnlyActionTitle, useIsReadOnly } from '../../app-state/read-only'
import { blockingScenario, signalBackend } from './locks-actions'
import { usePresenter } from '../../app-state/presenter-store'

/** No server watched yet: one empty list, so the layout is not redone on every render. */
const noEdges: LockEdge[] = []

export function LocksView({ active }: { active: boolean }) {
  const connectionId = useConnections(selectConnectedId)
  // What the sidebar says (Reconnecting…, Not connected), not a generic "connect first".
  const presence = useConnectionPresence()
  const readOnly = useIsReadOnly(connectionId)
  const server = useWatchedServers((s) => (connectionId ? s.servers[connectionId] : undefined))
  const [selectedPid, setSelectedPid] = useState<number | null>(null)
  const [scenarioRunning, setScenarioRunning] = useState(false)
  const presenting = usePresenter((s) => s.presenting)
  useEffect(() => (active && connectionId ? useWatchedServers.getState().follow(connectionId) : undefined), [active, connectionId])

  const edges = server?.edges ?? noEdges
  const layout = useMemo(() => layoutLockGraph(edges), [edges])
  const sessions = server?.sessions ?? new Map<number, ActivitySession>()
  // Details of a session that is gone (terminated, or no longer in a wait) would offer Cancel on nothing.
  const shownPids = useMemo(() => new Set(layout.nodes.map((n) => n.pid)), [layout])
  useEffect(() => {
    if (selectedPid !== null && !shownPids.has(selectedPid)) setSelectedPid(null)
  }, [selectedPid, shownPids])

  const scenario = async (action: 'start' | 'stop') => {
    if (!connectionId) return
    const running = await blockingScenario(connectionId, action)
    if (running !== null) setScenarioRunning(running)
  }

  if (!connectionId) return <p className="muted activity-empty" role="status">{presenceMessage(presence, 'see its locks')}</p>
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
              title={readOnly ? readOnlyActionTitle : 'Four sessions: a long transaction, a writer waiting for its row, an ALTER TABLE queued behind both, a read queued behind the ALTER'}
            >
              Start the blocking scenario
            </button>
          ))}
      </div>
      {edges.length === 0 ? (
        <p className="locks-empty">No session is waiting for a lock.</p>
      ) : (
        <div className="locks-body">
          <LockGraph edges={edges} layout={layout} sessions={sessions} selectedPid={selectedPid} onSelect={setSelectedPid} presenting={presenting} />
          {/* Beside the graph, not under it: the drawing keeps the window's height. */}
          <div className="locks-side">
            {selectedPid !== null && (
              <LockDetails pid={selectedPid} session={selected} edges={edges} connectionId={connectionId} readOnly={readOnly} onClose={() => setSelectedPid(null)} />
            )}
            <LockQueues edges={edges} sessions={sessions} />
          </div>
        </div>
      )}
    </section>
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
  const signal = (action: 'cancel' | 'terminate') => signalBackend(connectionId, pid, action, session)
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
