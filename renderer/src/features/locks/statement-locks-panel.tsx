/**
 * The locks a statement takes, with what each blocks, and the warning that the
 * statement really ran (inside a rolled-back transaction). A statement that
 * cannot run in a transaction block gets the manual's answer instead; an
 * ALTER … TYPE refused because of a view names the view; locks on tables the
 * statement does not name are called out above the table.
 */
import { dependentsExplanation } from '@shared/locks/blocking-dependents'
import { probeErrorNote } from '@shared/locks/probe-error-notes'
import { elsewhereLessons } from '@shared/locks/statement-lock-groups'
import type { StatementLocks } from '@shared/locks/statement-locks'
import { rollbackNote } from '@shared/sql/rollback-note'
import { DocumentedLocksView } from './documented-locks-view'
import { LocksTakenTable } from './locks-taken-table'

export function StatementLocksPanel({ result, onClose }: { result: StatementLocks; onClose: () => void }) {
  const lessons = elsewhereLessons(result.locks)
  const dependents = result.dependents ? dependentsExplanation(result.dependents) : null
  return (
    <section className="statement-locks" aria-label="Statement locks">
      <header>
        <h3>What this statement locks</h3>
        <span className="spacer" />
        <button onClick={onClose}>Close</button>
      </header>
      {/* First: the lesson a trainer wants the room to see, above the fold. */}
      {lessons.length > 0 && (
        <div className="lock-elsewhere-callout" role="note" aria-label="Locks on tables the statement does not name">
          <strong>Also locked, though the statement does not name {lessons.length === 1 ? 'it' : 'them'}:</strong>
          <ul>
            {lessons.map((lesson) => (
              <li key={lesson.relation}>{lesson.sentence}</li>
            ))}
          </ul>
        </div>
      )}
      {!result.documented && (
        <p className="lock-warning" role="note">
          The statement really ran, inside BEGIN … ROLLBACK. {rollbackNote(result.notUndone)} It could wait up to {result.lockTimeoutMs / 1000} s for a lock (lock_timeout) while other sessions wait
          behind it.
        </p>
      )}
      <pre className="statement-text">{result.statement}</pre>
      {result.documented && <DocumentedLocksView documented={result.documented} />}
      {result.error && (
        <div className={`query-error${dependents ? ' probe-explained' : ''}`} role="alert">
          {dependents ? (
            <>
              <strong>{dependents.headline}</strong>
              {dependents.lines.map((line) => (
                <p key={line}>{line}</p>
              ))}
              <p className="muted">
                The server said: {result.error.message}
                {result.error.detail ? ` (${result.error.detail})` : ''}
              </p>
            </>
          ) : (
            <>
              <strong>{result.error.sqlstate ? `ERROR ${result.error.sqlstate}` : 'Error'}:</strong> {result.error.message}
              <p>{probeErrorNote(result.error, result)}</p>
            </>
          )}
        </div>
      )}
      {result.locks.length > 0 && <LocksTakenTable locks={result.locks} />}
    </section>
  )
}
