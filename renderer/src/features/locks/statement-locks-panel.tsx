/**
 * The locks a statement takes, with what each mode conflicts with, and the
 * warning that the statement really ran (inside a rolled-back transaction).
 */
import type { StatementLocks } from '@shared/locks/statement-locks'

export function StatementLocksPanel({ result, onClose }: { result: StatementLocks; onClose: () => void }) {
  return (
    <section className="statement-locks" aria-label="Statement locks">
      <header>
        <h3>What this statement locks</h3>
        <span className="spacer" />
        <button onClick={onClose}>Close</button>
      </header>
      <p className="lock-warning" role="note">
        The statement really ran, inside BEGIN … ROLLBACK: nothing was committed. It could wait up to {result.lockTimeoutMs / 1000} s for a lock
        (lock_timeout) while other sessions wait behind it.
      </p>
      <pre className="statement-text">{result.statement}</pre>
      {result.error && (
        <div className="query-error" role="alert">
          <strong>{result.error.sqlstate ? `ERROR ${result.error.sqlstate}` : 'Error'}:</strong> {result.error.message}
          {result.error.sqlstate === '55P03' && <div>Another session holds a conflicting lock: this statement would have waited.</div>}
        </div>
      )}
      <table className="simple-table" aria-label="Locks taken">
        <thead>
          <tr>
            <th>Lock</th>
            <th>Mode</th>
            <th>On</th>
            <th>Granted</th>
            <th>Blocks (conflicts with)</th>
          </tr>
        </thead>
        <tbody>
          {result.locks.map((l, i) => (
            <tr key={i} className={l.mode === 'AccessExclusiveLock' ? 'lock-strongest' : undefined}>
              <td>{l.locktype}</td>
              <td>
                <strong>{l.mode}</strong>
              </td>
              <td>{l.relation ?? '—'}</td>
              <td>{l.granted ? 'yes' : 'waiting'}</td>
              <td>{l.conflictsWith.length === 8 ? 'everything, even plain SELECT' : l.conflictsWith.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
