import type { ConnectionSummary } from '../../../../shared/connections/connection-status'
import { useConnections } from './connections-store'

const stateLabels: Record<ConnectionSummary['state'], string> = {
  closed: 'Closed',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Failed'
}

/** The sidebar's list: status dot, colour tag, read-only badge, pool figures. */
export function ConnectionList({ onEdit }: { onEdit: (id: string) => void }) {
  const connections = useConnections((s) => s.connections)
  const selectedId = useConnections((s) => s.selectedId)
  const { select, open, close, toggleReadOnly, remove } = useConnections.getState()
  return (
    <ul className="connection-list" aria-label="Connections">
      {connections.map((c) => {
        const { profile, state, pool, server } = c
        const isOpen = state === 'connected' || state === 'reconnecting'
        return (
          <li
            key={profile.id}
            className={`connection-item tag-${profile.colorTag}${profile.id === selectedId ? ' selected' : ''}`}
            data-state={state}
            aria-current={profile.id === selectedId ? 'true' : undefined}
          >
            <button className="connection-main" onClick={() => select(profile.id)} onDoubleClick={() => !isOpen && void open(profile.id)}>
              <span className={`status-dot status-${state}`} aria-hidden="true" />
              <span className="connection-name">{profile.name}</span>
              {profile.readOnly && <span className="badge badge-readonly">read-only</span>}
              <span className="connection-state">{stateLabels[state]}</span>
              <span className="connection-meta">
                {profile.user}@{profile.host}:{profile.port}/{profile.database}
                {server && ` · PostgreSQL ${server.version}`}
              </span>
              {pool && (
                <span className="connection-pool" title="Pool clients: total / idle / waiting">
                  pool {pool.total}/{pool.max} · idle {pool.idle} · waiting {pool.waiting}
                </span>
              )}
              {c.lastError && state !== 'connected' && <span className="connection-error">{c.lastError.message}</span>}
            </button>
            <div className="connection-actions">
              {isOpen ? (
                <button onClick={() => void close(profile.id)}>Disconnect</button>
              ) : (
                <button onClick={() => void open(profile.id)}>Connect</button>
              )}
              <button aria-pressed={profile.readOnly} onClick={() => void toggleReadOnly(profile.id)} title="Every session of this connection refuses writes">
                {profile.readOnly ? 'Allow writes' : 'Read-only'}
              </button>
              {!profile.builtIn && (
                <>
                  <button onClick={() => onEdit(profile.id)}>Edit</button>
                  <button
                    className="danger"
                    onClick={() => {
                      if (confirm(`Delete the connection "${profile.name}"? Its saved password is forgotten too.`)) void remove(profile.id)
                    }}
                  >
                    Delete
                  </button>
                </>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
