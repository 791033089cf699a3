import type { ConnectionSummary } from '@shared/connections/connection-status'
import type { ConnectionsState } from './connections-state'

export const selectSelected = (s: ConnectionsState): ConnectionSummary | null => s.connections.find((c) => c.profile.id === s.selectedId) ?? null

export const selectConnection =
  (id: string | null) =>
  (s: ConnectionsState): ConnectionSummary | null =>
    id === null ? null : (s.connections.find((c) => c.profile.id === id) ?? null)

export const selectIsBusy = (id: string) => (s: ConnectionsState) => s.busyIds.includes(id)
