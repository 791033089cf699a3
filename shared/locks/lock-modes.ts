/**
 * PostgreSQL's table-level lock modes and which conflict, as the manual's
 * "Conflicting Lock Modes" table gives them (explicit-locking.html, table 13.2).
 * Row-level and other lock tags (transactionid, tuple, advisory…) use the same
 * mode names; for those, ExclusiveLock vs ShareLock is what matters.
 */
export const lockModes = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock'
] as const
export type LockMode = (typeof lockModes)[number]

const conflicts: Record<LockMode, readonly LockMode[]> = {
  AccessShareLock: ['AccessExclusiveLock'],
  RowShareLock: ['ExclusiveLock', 'AccessExclusiveLock'],
  RowExclusiveLock: ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareUpdateExclusiveLock: ['ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareRowExclusiveLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ExclusiveLock: ['RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  AccessExclusiveLock: [...lockModes]
}

export function isLockMode(mode: string): mode is LockMode {
  return (lockModes as readonly string[]).includes(mode)
}

/** Whether a lock held (or queued) in mode `a` blocks a request for mode `b` on the same lock tag. */
export function modesConflict(a: string, b: string): boolean {
  if (!isLockMode(a) || !isLockMode(b)) return a === b
  return conflicts[a].includes(b)
}

/** The modes a request in `mode` waits for, for the "what does this lock" list. */
export function conflictingModes(mode: LockMode): readonly LockMode[] {
  return conflicts[mode]
}
