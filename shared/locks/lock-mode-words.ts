/**
 * Lock modes in the words a room understands: the name the manual and the
 * SQL use (ACCESS EXCLUSIVE), and the everyday statements that ask for each.
 *
 * From the manual's "Table-Level Lock Modes" (explicit-locking.html, 13.3.1):
 * each mode's "Acquired by" list, cut to the statements people meet daily, so
 * "conflicts with RowExclusiveLock" reads as "blocks INSERT / UPDATE / DELETE".
 */
import { isLockMode, type LockMode } from './lock-modes'

/** The mode as SQL writes it (`LOCK TABLE … IN ACCESS EXCLUSIVE MODE`); other names as they are. */
export function sqlModeName(mode: string): string {
  if (!isLockMode(mode)) return mode
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase()
}

/**
 * What a table lock held in `mode` stops, and what still goes on, in one line.
 *
 * Written per mode from the manual's conflict table (each line names the
 * everyday statements of the modes that conflict, and the everyday ones that
 * do not); `tests/unit/locks` checks every line against the conflict table.
 */
export const blocksSummary: Record<LockMode, { blocks: string; allows: string }> = {
  AccessShareLock: { blocks: 'ALTER TABLE, DROP, TRUNCATE, VACUUM FULL', allows: 'reads and writes go on' },
  RowShareLock: { blocks: 'REFRESH MATERIALIZED VIEW CONCURRENTLY, ALTER TABLE, DROP, TRUNCATE', allows: 'reads and writes go on' },
  RowExclusiveLock: { blocks: 'CREATE INDEX, CREATE TRIGGER, ALTER TABLE, DROP, TRUNCATE', allows: 'reads and other writes go on' },
  ShareUpdateExclusiveLock: { blocks: 'VACUUM, ANALYZE, CREATE INDEX (even CONCURRENTLY), ALTER TABLE, DROP', allows: 'reads and writes go on' },
  ShareLock: { blocks: 'INSERT / UPDATE / DELETE, VACUUM, ALTER TABLE, DROP', allows: 'reads and other CREATE INDEX go on' },
  ShareRowExclusiveLock: { blocks: 'INSERT / UPDATE / DELETE, VACUUM, CREATE INDEX, ALTER TABLE, DROP', allows: 'reads go on' },
  ExclusiveLock: { blocks: 'INSERT / UPDATE / DELETE, SELECT … FOR UPDATE, VACUUM, CREATE INDEX, ALTER TABLE', allows: 'plain reads go on' },
  AccessExclusiveLock: { blocks: 'everything, even plain SELECT', allows: '' }
}
