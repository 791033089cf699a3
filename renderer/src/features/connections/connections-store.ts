/**
 * Connections as the UI sees them: one zustand store built from slices
 * (state, actions, selectors in their own files).
 */
import { create } from 'zustand'
import { createConnectionsActions, type ConnectionsStore } from './connections-actions'
import { initialConnectionsState } from './connections-state'

export const useConnections = create<ConnectionsStore>()((...a) => ({
  ...initialConnectionsState,
  ...createConnectionsActions(...a)
}))

export { selectConnection, selectIsBusy, selectSelected } from './connections-selectors'
