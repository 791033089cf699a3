import { ConnectionItem } from './connection-item'
import { useConnections } from '../../app-state/connections-store'

/** The sidebar's list of connections, in the main process's order (the sandbox first). */
export function ConnectionList({ onAdd }: { onAdd: () => void }) {
  const connections = useConnections((s) => s.connections)
  const selectedId = useConnections((s) => s.selectedId)
  const loaded = useConnections((s) => s.loaded)
  return (
    <>
      <ul role="list" aria-label="Connections" className="connection-list">
        {connections.map((summary) => (
          <ConnectionItem key={summary.profile.id} summary={summary} selected={summary.profile.id === selectedId} />
        ))}
      </ul>
      {loaded && connections.length === 0 && (
        <div className="sidebar-empty">
          <p>No connections yet.</p>
          <button type="button" className="primary" onClick={onAdd}>
            Add a connection
          </button>
        </div>
      )}
      {!loaded && <p className="sidebar-empty muted">Loading connections…</p>}
    </>
  )
}
