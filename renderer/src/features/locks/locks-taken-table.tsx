/**
 * The locks a probed statement holds, grouped: what it names, what it reaches
 * without naming (highlighted, with why), their indexes and TOAST tables,
 * then the rest. "Blocks" says which everyday statements wait and which go
 * on, in words that wrap between words, never inside a name.
 */
import { isLockMode } from '@shared/locks/lock-modes'
import { blocksSummary } from '@shared/locks/lock-mode-words'
import { reasonText, statementLockGroups } from '@shared/locks/statement-lock-groups'
import type { StatementLock } from '@shared/locks/statement-locks'
import { BreakableText } from '../../ui/breakable-text'
import { DetailTable, type DetailRow } from '../../ui/detail-table'

// No Granted column: a probe that waits for a lock ends in lock_timeout, and a failed statement holds none.
const head = ['On', 'Mode', 'Blocks (who waits)']

function Blocks({ lock }: { lock: StatementLock }) {
  if (lock.locktype !== 'relation' || !isLockMode(lock.mode)) return <>—</>
  const { blocks, allows } = blocksSummary[lock.mode]
  return (
    <span title={`Conflicts with ${lock.conflictsWith.join(', ')}`}>
      <span className={allows ? 'blocked-statements' : 'blocked-everything'}>{blocks}</span>
      {allows && <span className="blocked-allows">{allows}</span>}
    </span>
  )
}

/** `repeat`: the row above is the same relation, so its kind and reason are not said again. */
function On({ lock, repeat }: { lock: StatementLock; repeat: boolean }) {
  // A plain table goes without saying; an index, a TOAST table, a view… does not.
  const what = lock.owner ? `${lock.relationKind} of ${lock.owner}` : lock.relationKind === 'table' ? null : lock.relationKind
  return (
    <>
      <span className="lock-relation">
        <BreakableText text={lock.relation ?? lock.locktype} />
      </span>
      {what && !repeat && <span className="lock-relation-kind">{what}</span>}
      {lock.scope === 'elsewhere' && lock.reasons.length > 0 && !repeat && <span className="lock-reason">{lock.reasons.map(reasonText).join('; ')}</span>}
    </>
  )
}

export function LocksTakenTable({ locks }: { locks: readonly StatementLock[] }) {
  const rows = statementLockGroups(locks).flatMap((group): DetailRow[] => [
    { key: `group-${group.id}`, attributes: { className: `lock-group lock-group-${group.id}` }, cells: [{ node: group.title, colSpan: head.length }] },
    ...group.locks.map(
      (lock, i): DetailRow => ({
        key: `${group.id}-${i}`,
        attributes: {
          className: [lock.mode === 'AccessExclusiveLock' ? 'lock-strongest' : '', lock.scope === 'elsewhere' ? 'lock-elsewhere' : ''].filter(Boolean).join(' ') || undefined,
          'data-scope': lock.scope
        },
        cells: [
          { node: <On lock={lock} repeat={i > 0 && group.locks[i - 1]!.relation === lock.relation && lock.relation !== null} />, className: 'lock-on' },
          {
            node: (
              <strong>
                <BreakableText text={lock.mode} />
                {!lock.granted && ' (waiting)'}
              </strong>
            ),
            className: 'lock-mode'
          },
          { node: <Blocks lock={lock} />, className: 'lock-blocks' }
        ]
      })
    )
  ])
  return <DetailTable className="simple-table statement-locks-table" label="Locks taken" head={head} rows={rows} />
}
