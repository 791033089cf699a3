import { describe, expect, it } from 'vitest'
import type { LockEdge } from '@shared/locks/lock-graph'
import { edgePath, layoutLockGraph, stackedBox, wideBox, type LockGraphLayout } from '../../../../../renderer/src/features/locks/lock-graph-layout'

const edge = (waiterPid: number, blockerPid: number, kind: LockEdge['kind'] = 'hard'): LockEdge => ({ waiterPid, blockerPid, kind, mode: 'AccessShareLock', blockerMode: null, locktype: 'relation', relation: 'public.loans', waitingSince: null })

/** Points along each drawn arrow (the curves of edgePath, sampled), with the key of its edge. */
function arrowPoints(layout: LockGraphLayout): Array<{ key: string; x: number; y: number }> {
  const out: Array<{ key: string; x: number; y: number }> = []
  for (const { key, points } of layout.edges.values()) {
    expect(edgePath(points).startsWith(`M${points[0]![0]},${points[0]![1]}`)).toBe(true)
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1]!
      const [x1, y1] = points[i]!
      const m = (y0 + y1) / 2
      for (let t = 0; t <= 1; t += 0.02) {
        // The cubic edgePath draws: (x0,y0) (x0,m) (x1,m) (x1,y1).
        const u = 1 - t
        const x = u * u * u * x0 + 3 * u * u * t * x0 + 3 * u * t * t * x1 + t * t * t * x1
        const y = u * u * u * y0 + 3 * u * u * t * m + 3 * u * t * t * m + t * t * t * y1
        out.push({ key, x, y })
      }
    }
  }
  return out
}

function boxesCrossed(layout: LockGraphLayout): string[] {
  return arrowPoints(layout).flatMap(({ key, x, y }) =>
    layout.nodes.filter((n) => x > n.x + 1 && x < n.x + layout.box.width - 1 && y > n.y + 1 && y < n.y + layout.box.height - 1).map((n) => `${key} under ${n.pid}`)
  )
}

describe('lock graph layout', () => {
  it('routes the ALTER blocked by A and B around B: no arrow passes under a box', () => {
    // A=1 holds; B=2 waits for A's row; C=3 (the ALTER) waits for A and B; D=4 reads behind C.
    for (const box of [stackedBox, wideBox]) {
      const layout = layoutLockGraph([edge(2, 1), edge(3, 1), edge(3, 2), edge(4, 3, 'soft')], box)
      expect(Object.fromEntries(layout.nodes.map((n) => [n.pid, n.column]))).toEqual({ 1: 0, 2: 1, 3: 2, 4: 3 })
      expect(layout.edges.get('3>1')!.points.length).toBe(4)
      expect(new Set(boxesCrossed(layout))).toEqual(new Set())
      // Each arrow starts on its waiter's top edge and ends on its blocker's bottom edge.
      const node = (pid: number) => layout.nodes.find((n) => n.pid === pid)!
      for (const [key, { points }] of layout.edges) {
        const [waiter, blocker] = key.split('>').map(Number) as [number, number]
        expect(points[0]![1]).toBe(node(waiter).y)
        expect(points.at(-1)![1]).toBe(node(blocker).y + box.height)
      }
    }
  })

  it('draws a chain of four a fifth shorter in wide boxes', () => {
    const chain = [edge(2, 1), edge(3, 1), edge(3, 2), edge(4, 3, 'soft')]
    const stacked = layoutLockGraph(chain)
    const wide = layoutLockGraph(chain, wideBox)
    expect(wide.box).toBe(wideBox)
    expect(wide.height).toBeLessThan(stacked.height * 0.86)
  })

  it('keeps arrows off boxes in a wide graph with arrows skipping several layers', () => {
    const edges = [edge(2, 1), edge(3, 2), edge(4, 3), edge(5, 4), edge(5, 1), edge(6, 1), edge(7, 6), edge(7, 2), edge(8, 5), edge(8, 6), edge(9, 1, 'soft'), edge(10, 4)]
    for (const box of [stackedBox, wideBox]) {
      const layout = layoutLockGraph(edges, box)
      expect(boxesCrossed(layout)).toEqual([])
      const boxes = layout.nodes.map((n) => `${n.x},${n.y}`)
      expect(new Set(boxes).size).toBe(boxes.length)
    }
  })


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

  it('routes the arrow closing a longer cycle around the boxes too', () => {
    const layout = layoutLockGraph([edge(2, 1), edge(3, 2), edge(4, 3), edge(1, 4), edge(5, 4, 'soft')])
    expect(layout.cycleEdges.size).toBe(1)
    expect(layout.edges.size).toBe(5)
    expect(boxesCrossed(layout)).toEqual([])
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
