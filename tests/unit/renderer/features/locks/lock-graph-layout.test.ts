import { describe, expect, it } from 'vitest'
import type { LockEdge } from '@shared/locks/lock-graph'
import { layoutLockGraph } from '../../../../../renderer/src/features/locks/lock-graph-layout'

const edge = (waiterPid: number, blockerPid: number, kind: LockEdge['kind'] = 'hard'): LockEdge => ({ waiterPid, blockerPid, kind, mode: 'AccessShareLock', blockerMode: null, locktype: 'relation', relation: 'public.loans', waitingSince: null })

describe('lock graph layout', () => {
  it('puts root blockers on top and each waiter one layer below what it waits for', () => {
    const layout = layoutLockGraph([edge(2, 1), edge(3, 2, 'soft'), edge(4, 2, 'soft')])
    const at = Object.fromEntries(layout.nodes.map((n) => [n.pid, [n.column, n.row, n.isRoot]]))
    expect(at).toEqual({ 1: [0, 0, true], 2: [1, 0, false], 3: [2, 0, false], 4: [2, 1, false] })
    expect(layout.cycleEdges.size).toBe(0)
  })

  it('marks a deadlock cycle instead of looping forever', () => {
    const layout = layoutLockGraph([edge(1, 2), edge(2, 1)])
    expect(layout.nodes.every((n) => n.onCycle)).toBe(true)
    expect(layout.cycleEdges.size).toBe(1)
  })

  it('stays fast and finite with 500 waiting sessions', () => {
    const edges = Array.from({ length: 500 }, (_, i) => edge(1000 + i, i % 10))
    const t = performance.now()
    const layout = layoutLockGraph(edges)
    // A guard against a quadratic blow-up, loose enough for a busy CI machine.
    expect(performance.now() - t).toBeLessThan(2000)
    expect(layout.nodes).toHaveLength(510)
    expect(new Set(layout.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(510)
  })
})
