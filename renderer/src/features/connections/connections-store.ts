/**
 * Connections as the UI sees them: the list from the main process (kept fresh
 * by `connections.changed`), the selected one, and the actions on them.
 */
import { create } from 'zustand'
import type { ConnectionSummary } from '../../../../shared/connections/connection-status'
import type { RequestInput } from '../../../../shared/contract'
import { sandboxConnectionId } from '../../../../shared/sandbox/sandbox-status'
import { api } from '../../api/api'
import { useNotices } from '../../app/notice-store'

interface ConnectionsState {
  connections: ConnectionSummary[]
  selectedId: string | null
  loaded: boolean
}

interface ConnectionsActions {
  start: () => () => void
  select: (id: string) => void
  open: (id: string) => Promise<void>
  close: (id: string) => Promise<void>
  toggleReadOnly: (id: string) => Promise<void>
  remove: (id: string) => Promise<void>
  save: (input: RequestInput<'connections.save'>) => Promise<string>
}

export const useConnections = create<ConnectionsState & ConnectionsActions>()((set, get) => {
  const apply = (connections: ConnectionSummary[]) => {
    const selectedId = get().selectedId
    const stillThere = connections.some((c) => c.profile.id === selectedId)
    set({ connections, loaded: true, selectedId: stillThere ? selectedId : (connections[0]?.profile.id ?? null) })
  }
  const attempt = async (title: string, action: () => Promise<unknown>) => {
    try {
      await action()
    } catch (error) {
      useNotices.getState().report(title, error)
    }
  }
  return {
    connections: [],
    selectedId: sandboxConnectionId,
    loaded: false,
    start: () => {
      const unsubscribe = api.subscribe('connections.changed', apply)
      const refresh = () => api.request('connections.list', {}).then(apply, (error) => useNotices.getState().report('Could not list connections', error))
      void refresh()
      // After the web host link comes back, the list may have moved on.
      const unlink = api.onLinkChange((up) => up && void refresh())
      return () => {
        unsubscribe()
        unlink()
      }
    },
    select: (id) => set({ selectedId: id }),
    open: (id) => attempt('Could not open the connection', () => api.request('connections.open', { id })),
    close: (id) => attempt('Could not close the connection', () => api.request('connections.close', { id })),
    toggleReadOnly: (id) => {
      const current = get().connections.find((c) => c.profile.id === id)
      return attempt('Could not change read-only mode', () => api.request('connections.setReadOnly', { id, readOnly: !current?.profile.readOnly }))
    },
    remove: (id) => attempt('Could not delete the connection', () => api.request('connections.delete', { id })),
    save: async (input) => {
      const profile = await api.request('connections.save', input)
      set({ selectedId: profile.id })
      return profile.id
    }
  }
})

export const selectSelected = (s: ConnectionsState) => s.connections.find((c) => c.profile.id === s.selectedId) ?? null
