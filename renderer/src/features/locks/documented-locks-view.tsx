/**
 * The manual's answer for a statement the probe cannot run in a transaction
 * block (CREATE INDEX CONCURRENTLY, VACUUM…): the locks it takes, what it waits
 * for, the lock it does not take, and the pages it comes from.
 */
import type { DocumentedLocks } from '@shared/locks/documented-locks'
import { sqlModeName } from '@shared/locks/lock-mode-words'
import { DetailTable } from '../../ui/detail-table'
import { openManualPage } from './locks-actions'

export function DocumentedLocksView({ documented }: { documented: DocumentedLocks }) {
  return (
    <div className="documented-locks" role="region" aria-label="Documented locks">
      <p className="documented-not-run">{documented.notRun}</p>
      {documented.locks.length > 0 && (
        <DetailTable
          className="simple-table statement-locks-table documented-locks-table"
          label="Locks it takes"
          head={['Mode', 'On', 'When']}
          rows={documented.locks.map((lock, i) => ({
            key: i,
            attributes: { className: lock.mode === 'AccessExclusiveLock' ? 'lock-strongest' : undefined },
            cells: [{ node: <strong title={lock.mode}>{sqlModeName(lock.mode)}</strong>, className: 'lock-mode' }, lock.on, { node: lock.when, className: 'prose-cell' }]
          }))}
        />
      )}
      {documented.waits.length > 0 && (
        <>
          <h4>It waits</h4>
          <ul>
            {documented.waits.map((wait) => (
              <li key={wait}>{wait}</li>
            ))}
          </ul>
        </>
      )}
      {documented.notTaken && <p className="documented-not-taken">{documented.notTaken}</p>}
      {documented.notes.length > 0 && (
        <ul className="documented-notes">
          {documented.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <p className="documented-sources">
        Sources:{' '}
        {documented.sources.map((source, i) => (
          <span key={source.url}>
            {i > 0 && ' · '}
            <a
              href={source.url}
              title={source.url}
              onClick={(event) => {
                event.preventDefault()
                void openManualPage(source.url)
              }}
            >
              {source.title}
            </a>
          </span>
        ))}
      </p>
    </div>
  )
}
