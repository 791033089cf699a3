import { useNotices } from '../../app-state/notice-store'
import { confirmLeavingTransaction, enableTransactions, endTransaction } from './transaction-actions'
import { useTransactions } from './transaction-store'

/** Transaction mode toggle, the open-transaction badge, Commit and Rollback. */
export function TransactionControls({ tabId, connectionId, disabled }: { tabId: string; connectionId: string | null; disabled: boolean }) {
  const session = useTransactions((s) => s.byTab[tabId])
  const attempt = (title: string, action: () => Promise<void>) => action().catch((error: unknown) => useNotices.getState().report(title, error))
  const toggle = () => {
    if (session) {
      void confirmLeavingTransaction(tabId).then((yes) => (yes ? attempt('Could not leave transaction mode', () => endTransaction(tabId, 'close')) : undefined))
    } else if (connectionId) {
      void attempt('Could not start transaction mode', () => enableTransactions(tabId, connectionId))
    }
  }
  return (
    <span className="transaction-controls">
      <label className="toggle">
        <input type="checkbox" checked={session !== undefined} disabled={disabled && !session} onChange={toggle} />
        Transaction mode
      </label>
      {session?.transaction === 'open' && (
        <span className="badge badge-transaction" role="status" aria-label="Transaction state">
          Transaction open
        </span>
      )}
      {session?.transaction === 'failed' && (
        <span className="badge badge-transaction-failed" role="status" aria-label="Transaction state">
          Transaction failed: roll back
        </span>
      )}
      {session && session.transaction !== 'none' && (
        <>
          <button onClick={() => void attempt('Commit failed', () => endTransaction(tabId, 'commit'))} disabled={session.transaction === 'failed'}>
            Commit
          </button>
          <button className="danger" onClick={() => void attempt('Rollback failed', () => endTransaction(tabId, 'rollback'))}>
            Rollback
          </button>
        </>
      )}
    </span>
  )
}
