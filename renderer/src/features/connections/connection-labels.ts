/** How a connection's state and figures are written in the sidebar and header. */
import type { ColorTag, ConnectionDraft } from '@shared/connections/connection-profile'
import type { ConnectionState, PoolStats } from '@shared/connections/connection-status'

/** On the floor, so live panels write a state the same way as the sidebar. */
export { stateLabels } from '../../app-state/connections-state'

/** Open, or trying to stay open: the actions offer Disconnect rather than Connect. */
export function isOpenState(state: ConnectionState): boolean {
  return state === 'connected' || state === 'reconnecting' || state === 'connecting'
}

/** "pool 2/5 · idle 1 · waiting 0": clients in use of the maximum, idle ones, queries queued for a client. */
export function poolLine(pool: PoolStats): string {
  return `pool ${pool.total}/${pool.max} · idle ${pool.idle} · waiting ${pool.waiting}`
}

/** "alice@db.example.com:5432/shop", brackets around IPv6 hosts. */
export function endpointLine(profile: Pick<ConnectionDraft, 'user' | 'host' | 'port' | 'database'>): string {
  const host = profile.host.includes(':') ? `[${profile.host}]` : profile.host
  return `${profile.user}@${host}:${profile.port}/${profile.database}`
}

/** Names of the colour tags, for menus and screen readers. */
export const colorTagNames: Record<ColorTag, string> = {
  none: 'No colour',
  red: 'Red',
  orange: 'Orange',
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  purple: 'Purple'
}
