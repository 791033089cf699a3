import { describe, expect, it } from 'vitest'
import { buildLockEdges, rootBlockers, type LockRow } from '@shared/locks/lock-graph'
import { conflictingModes, modesConflict } from '@shared/locks/lock-modes'

const row = (pid: number, mode: string, granted: boolean, extra: Partial<LockRow> = {}): LockRow => ({
  pid,
  tag: 'relation:5:16384',
  locktype: 'relation',
  mode,
  granted,
  waitStart: null,
  relation: 'public.loans',
  ...extra
})

describe('lock conflict table', () => {
  it('matches the manual', () => {
    expect(modesConflict('AccessShareLock', 'AccessExclusiveLock')).toBe(true)
    expect(modesConflict('AccessShareLock', 'RowExclusiveLock')).toBe(false)
    expect(modesConflict('RowExclusiveLock', 'RowExclusiveLock')).toBe(false)
    expect(modesConflict('ShareUpdateExclusiveLock', 'ShareUpdateExclusiveLock')).toBe(true)
    expect(modesConflict('ShareLock', 'ShareLock')).toBe(false)
    expect(conflictingModes('RowExclusiveLock')).toEqual(['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'])
  })
})

describe('lock graph edges', () => {
  it('labels a prepared transaction (pid 0) as such', () => {
    const edges = buildLockEdges([row(0, 'RowExclusiveLock', true), row(42, 'AccessExclusiveLock', false)], new Map([[42, [0]]]), new Map())
    expect(edges).toEqual([{ waiterPid: 42, blockerPid: 0, kind: 'prepared_xact', mode: 'AccessExclusiveLock', blockerMode: 'RowExclusiveLock', locktype: 'relation', relation: 'public.loans', waitingSince: null }])
  })

  it('folds parallel workers into their leader', () => {
    const edges = buildLockEdges([row(101, 'AccessShareLock', true), row(42, 'AccessExclusiveLock', false)], new Map([[42, [101]]]), new Map([[101, 100]]))
    expect(edges.map((e) => [e.waiterPid, e.blockerPid, e.kind])).toEqual([[42, 100, 'hard']])
  })

  it('orders the queue by wait start: only waiters queued ahead make soft edges', () => {
    const locks = [row(1, 'RowExclusiveLock', true), row(2, 'AccessExclusiveLock', false, { waitStart: 1000 }), row(3, 'AccessShareLock', false, { waitStart: 2000 })]
    const edges = buildLockEdges(locks, new Map([[2, [1]], [3, [2]]]), new Map())
    expect(edges.map((e) => `${e.waiterPid}>${e.blockerPid}:${e.kind}:${e.blockerMode}`)).toEqual(['2>1:hard:RowExclusiveLock', '3>2:soft:AccessExclusiveLock'])
    expect(rootBlockers(edges)).toEqual([1])
  })
})
