/**
 * One connection in the sidebar: colour stripe, status dot and words, name,
 * read-only badge, where it points, server version and pool figures; below,
 * the actions a user needs most (connect, read-only) and a menu for the rest.
 */
import { readOnlyMeaning } from '../../app-state/read-only'
import { useId, useRef, useState } from 'react'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import { ConfirmDialog } from '../../ui/confirm-dialog'
import { useNavigation } from '../../app-state/navigation-store'
import { endpointLine, isOpenState, poolLine, stateLabels } from './connection-labels'
import { ConnectionMenu, type MenuPosition } from './connection-menu'
import { useConnections } from '../../app-state/connections-store'
import { closeConnection, openConnection, removeConnection, setColorTag, testSavedConnection, toggleReadOnly } from './connections-actions'

export function ConnectionItem({ summary, selected }: { summary: ConnectionSummary; selected: boolean }) {
  const { profile, state, pool, server, lastError } = summary
  const busy = useConnections((s) => s.busyIds.includes(profile.id))
  const [menu, setMenu] = useState<MenuPosition | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const menuButton = useRef<HTMLButtonElement>(null)
  /** When the menu last closed: a click on "⋯" that closed it by light dismiss must not reopen it. */
  const menuClosedAt = useRef(0)
  const detailsId = useId()
  const { select } = useConnections.getState()
  const open = isOpenState(state)

  const openMenuAtButton = () => {
    const box = menuButton.current?.getBoundingClientRect()
    if (box) setMenu({ x: box.left, y: box.bottom + 4 })
  }

  return (
    <li
      className={`connection-item tag-${profile.colorTag}${selected ? ' selected' : ''}`}
      data-state={state}
      data-testid="connection-item"
      data-connection-id={profile.id}
      aria-current={selected ? 'true' : undefined}
      onContextMenu={(event) => {
        event.preventDefault()
        select(profile.id)
        setMenu({ x: event.clientX, y: event.clientY })
      }}
    >
      <button
        type="button"
        className="connection-select"
        aria-label={profile.name}
        aria-describedby={detailsId}
        onClick={() => select(profile.id)}
        onDoubleClick={() => !open && void openConnection(profile.id)}
        title={open ? undefined : 'Double-click to connect'}
      >
        <span className="connection-title">
          <span className={`status-dot status-${state}`} aria-hidden="true" />
          <span className="connection-name">{profile.name}</span>
          {profile.readOnly && (
            <span className="badge badge-readonly" data-testid="read-only-badge">
              Read-only
            </span>
          )}
        </span>
        <span className="connection-details" id={detailsId}>
          <span className={`connection-state state-${state}`} data-testid="connection-state">
            {stateLabels[state]}
            {server && state !== 'closed' && <span className="connection-version"> · PostgreSQL {server.version}</span>}
          </span>
          <span className="connection-endpoint">{endpointLine(profile)}</span>
          {pool && open && (
            <span className="connection-pool" data-testid="pool-stats" title="Pool: sessions in use of the maximum · idle sessions · queries waiting for a session">
              {poolLine(pool)}
            </span>
          )}
          {lastError && state !== 'connected' && (
            <span className="connection-error" data-testid="connection-error">
              {lastError.message}
            </span>
          )}
        </span>
      </button>

      <div className="connection-actions">
        {open ? (
          <button type="button" onClick={() => void closeConnection(profile.id)} disabled={busy}>
            Disconnect
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void openConnection(profile.id)} disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        )}
        <button
          type="button"
          className="toggle"
          aria-pressed={profile.readOnly}
          onClick={() => void toggleReadOnly(profile.id)}
          disabled={busy}
          title={profile.readOnly ? `${readOnlyMeaning} Click to allow writes.` : 'Click to make Tusk refuse writes on this connection.'}
        >
          <span className="toggle-track" aria-hidden="true" />
          Read-only
        </button>
        <span className="spacer" />
        <button
          type="button"
          ref={menuButton}
          className="icon-button"
          aria-label="More actions"
          aria-haspopup="menu"
          aria-expanded={menu !== null}
          title="More actions"
          onClick={() => {
            if (menu) setMenu(null)
            else if (performance.now() - menuClosedAt.current > 250) openMenuAtButton()
          }}
        >
          ⋯
        </button>
      </div>

      {menu && (
        <ConnectionMenu
          summary={summary}
          at={menu}
          onClose={() => {
            menuClosedAt.current = performance.now()
            setMenu(null)
            // Escape leaves the focus nowhere: give it back to the button the menu belongs to.
            requestAnimationFrame(() => {
              if (document.activeElement === document.body) menuButton.current?.focus()
            })
          }}
          onConnect={() => void openConnection(profile.id)}
          onDisconnect={() => void closeConnection(profile.id)}
          onToggleReadOnly={() => void toggleReadOnly(profile.id)}
          onTest={() => void testSavedConnection(profile.id)}
          onEdit={() => useNavigation.getState().editConnection(profile.id)}
          onColor={(tag) => void setColorTag(profile.id, tag)}
          onDelete={() => setConfirmDelete(true)}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete “${profile.name}”?`}
          message={`The connection to ${endpointLine(profile)} is removed from Tusk${profile.hasSavedPassword ? ', and its saved password forgotten' : ''}. This cannot be undone.`}
          confirmLabel="Delete"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false)
            void removeConnection(profile.id)
          }}
        />
      )}
    </li>
  )
}
