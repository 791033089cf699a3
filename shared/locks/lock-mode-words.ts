/**
 * Lock modes in the words a room understands: the name the manual and the
 * SQL use (ACCESS EXCLUSIVE), and the everyday statements that ask for each.
 *
 * From the manual's "Table-Level Lock Modes" (explicit-locking.html, 13.3.1):
 * each mode's "Acquired by" list, cut to the statements people meet daily, so
 * "this blocks RowExclusiveLock" reads as "this blocks INSERT / UPDATE / DELETE".
 */
import { conflictingModes, isLockMode, lockModes, type LockMode } from './lock-modes'

/** The mode as SQL writes it (`LOCK TABLE … IN ACCESS EXCLUSIVE MODE`); other names as they are. */
export function sqlModeName(mode: string): string {
  if (!isLockMode(mode)) return mode
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase()
}

/** Everyday statements that ask for each mode on a table. */
export const statementsTaking: Record<LockMode, string> = {
  AccessShareLock: 'SELECT',
  RowShareLock: 'SELECT … FOR UPDATE / FOR SHARE',
  RowExclusiveLock: 'INSERT / UPDATE / DELETE / MERGE',
  ShareUpdateExclusiveLock: 'VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY',
  ShareLock: 'CREATE INDEX',
  ShareRowExclusiveLock: 'CREATE TRIGGER, ADD FOREIGN KEY',
  ExclusiveLock: 'REFRESH MATERIALIZED VIEW CONCURRENTLY',
  AccessExclusiveLock: 'ALTER TABLE, DROP, TRUNCATE, VACUUM FULL'
}

/** What a held table lock makes wait: each conflicting mode with the statements that ask for it. */
export interface BlockedStatements {
  /** True when every mode conflicts: even a plain SELECT waits. */
  everything: boolean
  modes: Array<{ mode: LockMode; statements: string }>
}

export function blockedStatements(mode: string): BlockedStatements {
  if (!isLockMode(mode)) return { everything: false, modes: [] }
  const conflicts = conflictingModes(mode)
  return {
    everything: conflicts.length === lockModes.length,
    modes: conflicts.map((m) => ({ mode: m, statements: statementsTaking[m] }))
  }
}
