/**
 * The connections store's state, and the pure rules that shape it.
 *
 * The list itself belongs to the main process: the UI mirrors it from
 * `connections.list` and every `connections.changed`, and never edits it locally.
 */
import { connectionFailureCodes } from '@shared/connections/connection-failure'
import type { ConnectionState, ConnectionSummary } from '@shared/connections/connection-status'
import type { AppErrorData } from '@shared/base/app-error'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'

/** Opening a connection needs a password the user has not given yet (or gave wrong). */
export interface PasswordRequest {
  id: string
  reason: AppErrorData
}

export interface ConnectionsState {
  connections: ConnectionSummary[]
  selectedId: string | null
  /** True once the first list arrived: an empty list then means "none configured". */
  loaded: boolean
  /** Connections with an open/close/read-only request in flight, so their buttons wait. */
  busyIds: readonly string[]
  passwordRequest: PasswordRequest | null
}

export const initialConnectionsState: ConnectionsState = {
  connections: [],
  selectedId: sandboxConnectionId,
  loaded: false,
  busyIds: [],
  passwordRequest: null
}

/**
 * Which connection is selected after the list changed: the same one while it
 * exists, else the first open one, else the first one.
 */
export function pickSelection(connections: readonly ConnectionSummary[], selectedId: string | null): string | null {
  if (selectedId !== null && connections.some((c) => c.profile.id === selectedId)) return selectedId
  const open = connections.find((c) => c.state === 'connected' || c.state === 'reconnecting')
  return (open ?? connections[0])?.profile.id ?? null
}

/** The list with one summary replaced (or added), in the main process's order. */
export function withSummary(connections: readonly ConnectionSummary[], summary: ConnectionSummary): ConnectionSummary[] {
  const index = connections.findIndex((c) => c.profile.id === summary.profile.id)
  if (index === -1) return [...connections, summary]
  return connections.map((c, i) => (i === index ? summary : c))
}

/** Errors of `connections.open` that a password typed now can fix. */
export function needsPassword(error: AppErrorData): boolean {
  return error.code === connectionFailureCodes.noPassword || error.code === connectionFailureCodes.wrongPassword
}

/** How a connection's state is written, in the sidebar, the header and every live panel: one table, so they never disagree. */
export const stateLabels: Record<ConnectionState, string> = {
  closed: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Failed'
}

/**
 * What a live panel (Activity, Locks) says of the current connection.
 *
 * Read from the connections store only, the same summary the sidebar shows:
 * while the server is down both say "Reconnecting…", and a panel keeps its
 * last figures (marked as such) instead of asking the user to connect.
 */
export type ConnectionPresence =
  | { kind: 'none' }
  | { kind: 'live'; id: string; name: string }
  | { kind: 'waiting' | 'offline'; id: string; name: string; state: ConnectionState; label: string; reason: string | null }

export function connectionPresence(summary: ConnectionSummary | null): ConnectionPresence {
  if (!summary) return { kind: 'none' }
  const { id, name } = summary.profile
  if (summary.state === 'connected') return { kind: 'live', id, name }
  const kind = summary.state === 'reconnecting' || summary.state === 'connecting' ? 'waiting' : 'offline'
  return { kind, id, name, state: summary.state, label: stateLabels[summary.state], reason: summary.lastError?.message ?? null }
}

/** The sentence a live panel shows instead of its figures (or above its last ones), e.g. "Sandbox: Reconnecting…". */
export function presenceMessage(presence: ConnectionPresence, purpose: string): string | null {
  switch (presence.kind) {
    case 'live':
      return null
    case 'none':
      return `Connect to a server to ${purpose}.`
    case 'waiting':
      return `${presence.name}: ${presence.label}${presence.reason ? ` ${presence.reason}` : ''}`
    case 'offline':
      return `${presence.name}: ${presence.label}.${presence.reason ? ` ${presence.reason}` : ''} Connect it to ${purpose}.`
  }
}
