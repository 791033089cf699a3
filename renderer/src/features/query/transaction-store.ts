/**
 * Transaction mode per editor tab: its pinned session and whether a
 * transaction is open (for the badge, and the warnings before closing).
 */
import { create } from 'zustand'
import type { TransactionSessionState } from '@shared/query/transaction-session'
import { api } from '../../api/api'

interface TransactionState {
  byTab: Record<string, TransactionSessionState>
  start: () => () => void
  enable: (tabId: string, connectionId: string) => Promise<void>
  end: (tabId: string, action: 'commit' | 'rollback' | 'close') => Promise<void>
}

export const useTransactions = create<TransactionState>()((set, get) => ({
  byTab: {},
  start: () => {
    const unsubscribe = api.subscribe('session.changed', (state) =>
      set((s) => {
        const tabId = Object.keys(s.byTab).find((id) => s.byTab[id]!.sessionId === state.sessionId)
        if (!tabId) return s
        const byTab = { ...s.byTab }
        if (state.transaction === 'closed') delete byTab[tabId]
        else byTab[tabId] = state
        return { byTab }
      })
    )
    // Leaving the app with a transaction open loses it: the browser asks first.
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (Object.values(get().byTab).some((t) => t.transaction !== 'none')) event.preventDefault()
    }
    window.addEventListener('beforeunload', beforeUnload)
    return () => {
      unsubscribe()
      window.removeEventListener('beforeunload', beforeUnload)
    }
  },
  enable: async (tabId, connectionId) => {
    const state = await api.request('session.open', { connectionId })
    set((s) => ({ byTab: { ...s.byTab, [tabId]: state } }))
  },
  end: async (tabId, action) => {
    const session = get().byTab[tabId]
    if (!session) return
    const state = await api.request('session.end', { sessionId: session.sessionId, action })
    set((s) => {
      const byTab = { ...s.byTab }
      if (action === 'close' || state.transaction === 'closed') delete byTab[tabId]
      else byTab[tabId] = state
      return { byTab }
    })
  }
}))

/** True when closing this tab would throw away uncommitted work: asks first. */
export function confirmLeavingTransaction(tabId: string): boolean {
  const session = useTransactions.getState().byTab[tabId]
  if (!session || session.transaction === 'none') return true
  return confirm('This tab has an open transaction. Close it and roll the transaction back?')
}
