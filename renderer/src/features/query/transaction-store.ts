/**
 * Transaction mode per editor tab: its pinned session and whether a
 * transaction is open (for the badge, and the warnings before closing).
 * transaction-actions.ts opens and ends the sessions.
 */
import { create } from 'zustand'
import type { TransactionSessionState } from '@shared/query/transaction-session'

interface TransactionState {
  byTab: Record<string, TransactionSessionState>
}

export const useTransactions = create<TransactionState>()(() => ({ byTab: {} }))

/** The tab's session as the main process now reports it; a closed one leaves the tab. */
export function setTabSession(tabId: string, state: TransactionSessionState, closed = state.transaction === 'closed'): void {
  useTransactions.setState((s) => {
    const byTab = { ...s.byTab }
    if (closed) delete byTab[tabId]
    else byTab[tabId] = state
    return { byTab }
  })
}

/** The tab whose session this is, if any. */
export function tabOfSession(sessionId: string): string | undefined {
  const { byTab } = useTransactions.getState()
  return Object.keys(byTab).find((id) => byTab[id]!.sessionId === sessionId)
}
