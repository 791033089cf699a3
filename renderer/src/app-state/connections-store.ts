/**
 * The connections the main process knows, and which one is current: the one
 * every capability panel works on.
 *
 * On the floor because every capability reads the current connection. The
 * list belongs to the main process: this store mirrors `connections.list` and
 * every `connections.changed`. What the user does to a connection (open,
 * close, save, …) is in features/connections/connections-actions.ts.
 */
import { useMemo } from 'react'
import { create } from 'zustand'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import { api } from '../api/api'
import { followState } from '../api/follow-state'
import { connectionPresence, initialConnectionsState, pickSelection, type ConnectionPresence, type ConnectionsState } from './connections-state'
import { useNotices } from './notice-store'

interface ConnectionsStore extends ConnectionsState {
  /** Mirrors the main process's list from now on; returns the unsubscribe. */
  follow: () => () => void
  /** Makes a connection the current one (remembered for the next start). */
  select: (id: string) => void
}

const selectionKey = 'tusk.selectedConnection'

function rememberSelection(id: string | null) {
  try {
    if (id === null) localStorage.removeItem(selectionKey)
    else localStorage.setItem(selectionKey, id)
  } catch {
    // Not remembered: the next start selects the first open connection instead.
  }
}

function rememberedSelection(): string | null {
  try {
    return localStorage.getItem(selectionKey)
  } catch {
    return null
  }
}

export const useConnections = create<ConnectionsStore>()((set, get) => {
  const applyList = (connections: ConnectionSummary[]) => {
    const selectedId = pickSelection(connections, get().selectedId)
    set({ connections, loaded: true, selectedId })
  }
  return {
    ...initialConnectionsState,
    follow: () => {
      const remembered = rememberedSelection()
      if (remembered) set({ selectedId: remembered })
      return followState(api, 'connections.changed', applyList, () =>
        api.request('connections.list', {}).then(applyList, (error: unknown) => useNotices.getState().report('Could not list the connections', error))
      )
    },
    select: (id) => {
      rememberSelection(id)
      set({ selectedId: id })
    }
  }
})

export const selectSelected = (s: ConnectionsState): ConnectionSummary | null => s.connections.find((c) => c.profile.id === s.selectedId) ?? null

/** The current connection's id while it is connected (what live panels work on), else null. */
export const selectConnectedId = (s: ConnectionsState): string | null => {
  const current = selectSelected(s)
  return current?.state === 'connected' ? current.profile.id : null
}

export const selectConnection =
  (id: string | null) =>
  (s: ConnectionsState): ConnectionSummary | null =>
    id === null ? null : (s.connections.find((c) => c.profile.id === id) ?? null)

export const selectIsBusy = (id: string) => (s: ConnectionsState) => s.busyIds.includes(id)

/** The current connection as every live panel reads it (see `connectionPresence`). */
export function useConnectionPresence(): ConnectionPresence {
  const selected = useConnections(selectSelected)
  return useMemo(() => connectionPresence(selected), [selected])
}
