import { describe, expect, it } from 'vitest'
import type { JoinStage } from '@shared/joins/join-model'
import { replayJoin } from '@shared/joins/join-replay'

/** l.k: 1, 2, NULL, 2 — r.k: 2, 3, NULL; verdicts as PostgreSQL gives them for l.k = r.k. */
function stage(): JoinStage {
  const left = ['1', '2', null, '2']
  const right = ['2', '3', null]
  const pairs = left.flatMap((l, i) => right.map((r, j) => ({ left: i, right: j, on: l === null || r === null ? null : l === r })))
  return {
    id: 1,
    kind: 'INNER',
    written: 'ON',
    condition: 'l.k = r.k',
    left: { label: 'l', leaves: [1], columns: ['l.k'], rows: left.map((_, i) => [i + 1]), values: left.map((v) => [v]) },
    right: { label: 'r', leaves: [2], columns: ['r.k'], rows: right.map((_, i) => [i + 1]), values: right.map((v) => [v]) },
    pairs,
    matched: 2,
    padded: [],
    output: [],
    fanOut: 0
  }
}

describe('physical replay', () => {
  it('a nested loop compares every outer row with every inner row', () => {
    const replay = replayJoin(stage(), 'Nested Loop', 'left', { left: 0, right: 0 })
    expect(replay.comparisons).toBe(12)
    expect(replay.probes.flatMap((p) => p.matched.map((m) => [p.outer, m]))).toEqual([
      [1, 0],
      [3, 0]
    ])
  })

  it('a hash join never stores or probes a NULL key, and finds the same matches with fewer comparisons', () => {
    const replay = replayJoin(stage(), 'Hash Join', 'left', { left: 0, right: 0 })
    expect(replay.buckets.flatMap((b) => b.rows).sort()).toEqual([0, 1])
    expect(replay.probes[2]!.compared).toEqual([])
    expect(replay.probes.flatMap((p) => p.matched.map((m) => [p.outer, m]))).toEqual([
      [1, 0],
      [3, 0]
    ])
    expect(replay.comparisons).toBeLessThan(12)
    expect(replay.alternatives.map((a) => a.method)).toEqual(['Nested Loop', 'Hash Join', 'Merge Join'])
  })

  it('a merge join walks both sides in key order', () => {
    const replay = replayJoin(stage(), 'Merge Join', 'left', { left: 0, right: 0 })
    expect(replay.outerOrder).toEqual([0, 1, 3])
    expect(replay.innerOrder).toEqual([0, 1])
    expect(replay.probes.flatMap((p) => p.matched)).toEqual([0, 0])
  })

  it('without an equality only a nested loop can run', () => {
    expect(replayJoin(stage(), 'Hash Join', 'left', null).method).toBe('Nested Loop')
  })
})
