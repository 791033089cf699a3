/**
 * The locks a statement takes, with what each mode conflicts with, and the
 * warning that the statement really ran (inside a rolled-back transaction).
 */
import type { StatementLocks } from '@shared/locks/statement-locks'
import { rollbackNote } from '@shared/sql/rollback-note'
import { DetailTable } from '../../ui/detail-table'

export function StatementLocksPanel({ result, onClose }: { result: StatementLocks; onClose: () => void }) {
  return (
    <section className="statement-locks" aria-label="Statement locks">
      <header>
        <h3>What this statement locks</h3>
        <span className="spacer" />
        <button onClick={onClose}>Close</button>
      </header>
      <p className="lock-warning" role="note">
        The statement really ran, inside BEGIN … ROLLBACK. {rollbackNote(result.notUndone)} It could wait up to {result.lockTimeoutMs / 1000} s for a lock
        (lock_timeout) while other sessions wait behind it.
      </p>
      <pre className="statement-text">{result.statement}</pre>
      {result.error && (
        <div className="query-error" role="alert">
          <strong>{result.error.sqlstate ? `ERROR ${result.error.sqlstate}` : 'Error'}:</strong> {result.error.message}
          {result.error.sqlstate === '55P03' && <div>Another session holds a conflicting lock: this statement would have waited.</div>}
        </div>
      )}
      <DetailTable
        label="Locks taken"
        head={['Lock', 'Mode', 'On', 'Granted', 'Blocks (conflicts with)']}
        rows={result.locks.map((l, i) => ({
          key: i,
          attributes: { className: l.mode === 'AccessExclusiveLock' ? 'lock-strongest' : undefined },
          cells: [
            l.locktype,
            { node: <strong>{l.mode}</strong> },
            l.relation ?? '—',
            l.granted ? 'yes' : 'waiting',
            l.conflictsWith.length === 8 ? 'everything, even plain SELECT' : l.conflictsWith.join(', ') || '—'
          ]
        }))}
      />
    </section>
  )
}
