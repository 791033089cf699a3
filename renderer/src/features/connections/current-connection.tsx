/**
 * Which database the panels below work on, in big letters: on a projector the
 * room must see whether the query runs on the sandbox or on production.
 */
import { endpointLine, isOpenState, stateLabels } from './connection-labels'
import { selectSelected, useConnections } from '../../app-state/connections-store'
import { openConnection } from './connections-actions'

export function CurrentConnection() {
  const current = useConnections(selectSelected)
  const busy = useConnections((s) => (current ? s.busyIds.includes(current.profile.id) : false))
  if (!current) {
    return (
      <div className="current-connection" data-testid="current-connection">
        <span className="current-name muted">No connection selected</span>
      </div>
    )
  }
  const { profile, state, server } = current
  return (
    <div className={`current-connection tag-${profile.colorTag}`} data-testid="current-connection" data-state={state}>
      <span className={`status-dot status-${state}`} aria-hidden="true" />
      <span className="current-name" title={profile.name}>
        {profile.name}
      </span>
      {profile.readOnly && <span className="badge badge-readonly">Read-only</span>}
      <span className={`current-state state-${state}`}>
        {stateLabels[state]}
        {server && state !== 'closed' && ` · PostgreSQL ${server.version}`}
      </span>
      <span className="current-endpoint" title={endpointLine(profile)}>
        {endpointLine(profile)}
      </span>
      {!isOpenState(state) && (
        <button type="button" className="primary-soft" onClick={() => void openConnection(profile.id)} disabled={busy} aria-label={`Connect to ${profile.name}`}>
          Connect
        </button>
      )}
    </div>
  )
}
