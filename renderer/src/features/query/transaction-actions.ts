/** Transaction mode: open a pinned session for an editor tab, commit, roll back or close it. */
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { setTabSession, tabOfSession, useTransactions } from './transaction-store'

/** Follows `session.changed` and guards leaving the app with a transaction open; returns the stop. */
export function followTransactions(): () => void {
  const unsubscribe = api.subscribe('session.changed', (state) => {
    const tabId = tabOfSession(state.sessionId)
    if (tabId) setTabSession(tabId, state)
  })
  // Leaving the app with a transaction open loses it: the browser asks first.
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (Object.values(useTransactions.getState().byTab).some((t) => t.transaction !== 'none')) event.preventDefault()
  }
  window.addEventListener('beforeunload', beforeUnload)
  return () => {
    unsubscribe()
    window.removeEventListener('beforeunload', beforeUnload)
  }
}

export async function enableTransactions(tabId: string, connectionId: string): Promise<void> {
  setTabSession(tabId, await api.request('session.open', { connectionId }), false)
}

export async function endTransaction(tabId: string, action: 'commit' | 'rollback' | 'close'): Promise<void> {
  const session = useTransactions.getState().byTab[tabId]
  if (!session) return
  const state = await api.request('session.end', { sessionId: session.sessionId, action })
  setTabSession(tabId, state, action === 'close' || state.transaction === 'closed')
}

/** True when closing this tab would throw away uncommitted work: asks first. */
export async function confirmLeavingTransaction(tabId: string): Promise<boolean> {
  const session = useTransactions.getState().byTab[tabId]
  if (!session || session.transaction === 'none') return true
  return askConfirmation({
    title: 'Roll back the open transaction?',
    message: 'This tab has an open transaction. Closing it rolls back everything it did since BEGIN.',
    statement: 'ROLLBACK',
    confirmLabel: 'Roll back and close',
    danger: true
  })
}
