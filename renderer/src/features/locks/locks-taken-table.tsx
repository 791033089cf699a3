/**
 * The locks a probed statement holds, grouped: what it names, what it reaches
 * without naming (highlighted, with why), their indexes and TOAST tables,
 * then the rest. "Blocks" says which everyday statements wait, in words that
 * wrap between statements, never inside a name.
 */
import { Fragment } from 'react'
import { blockedStatements } from '@shared/locks/lock-mode-words'
import { reasonText, statementLockGroups } from '@shared/locks/statement-lock-groups'
import type { StatementLock } from '@shared/locks/statement-locks'
import { BreakableText } from '../../ui/breakable-text'
import { DetailTable, type DetailRow } from '../../ui/detail-table'

// No Granted column: a probe that waits for a lock ends in lock_timeout, and a failed statement holds none.
const head = ['On', 'Mode', 'Blocks (who waits)']

function Blocks({ mode }: { mode: string }) {
  const blocked = blockedStatements(mode)
  if (blocked.everything) return <span className="blocked-everything">everything, even plain SELECT</span>
  if (blocked.modes.length === 0) return <>—</>
  return (
    <span className="blocked-list">
      {blocked.modes.map((m, i) => (
        <Fragment key={m.mode}>
          {i > 0 && ' · '}
          <span className="blocked-item" title={m.mode}>
            {m.statements}
          </span>
        </Fragment>
      ))}
    </span>
  )
}

function On({ lock }: { lock: StatementLock }) {
  const what = lock.owner ? `${lock.relationKind} of ${lock.owner}` : lock.scope === 'not-relation' ? null : lock.relationKind
  return (
    <>
      <span className="lock-relation">
        <BreakableText text={lock.relation ?? lock.locktype} />
      </span>
      {what && <span className="lock-relation-kind">{what}</span>}
      {lock.scope === 'elsewhere' && lock.reasons.length > 0 && <span className="lock-reason">{lock.reasons.map(reasonText).join('; ')}</span>}
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
          { node: <On lock={lock} />, className: 'lock-on' },
          {
            node: (
              <strong>
                <BreakableText text={lock.mode} />
                {!lock.granted && ' (waiting)'}
              </strong>
            ),
            className: 'lock-mode'
          },
          { node: <Blocks mode={lock.locktype === 'relation' ? lock.mode : ''} />, className: 'lock-blocks' }
        ]
      })
    )
  ])
  return <DetailTable className="simple-table statement-locks-table" label="Locks taken" head={head} rows={rows} />
}
