/**
 * Where each session goes in the lock graph: root blockers in the top
 * layer, each waiter one layer below what it waits for (its longest chain),
 * side by side in a stable order. Sessions on a cycle (a deadlock in the
 * making) are marked, and their edges too. No DOM: sizes are computed.
 */
import type { LockEdge } from '@shared/locks/lock-graph'

export interface PlacedNode {
  pid: number
  column: number
  row: number
  x: number
  y: number
  onCycle: boolean
  isRoot: boolean
}

export interface LockGraphLayout {
  nodes: PlacedNode[]
  width: number
  height: number
  cycleEdges: Set<string>
}

export const nodeWidth = 280
export const nodeHeight = 86
// Room between layers for the two-line edge labels; between siblings, a margin.
const layerGap = 120
const siblingGap = 36

export function edgeKey(edge: Pick<LockEdge, 'waiterPid' | 'blockerPid'>): string {
  return `${edge.waiterPid}>${edge.blockerPid}`
}

export function layoutLockGraph(edges: LockEdge[]): LockGraphLayout {
  const pids = [...new Set(edges.flatMap((e) => [e.blockerPid, e.waiterPid]))].sort((a, b) => a - b)
  const blockersOf = new Map<number, number[]>()
  for (const e of edges) blockersOf.set(e.waiterPid, [...(blockersOf.get(e.waiterPid) ?? []), e.blockerPid])

  // Longest distance from a root, with cycles cut where they close.
  const column = new Map<number, number>()
  const onCycle = new Set<number>()
  const cycleEdges = new Set<string>()
  const visiting = new Set<number>()
  const depth = (pid: number): number => {
    const known = column.get(pid)
    if (known !== undefined) return known
    visiting.add(pid)
    let d = 0
    for (const blocker of blockersOf.get(pid) ?? []) {
      if (visiting.has(blocker)) {
        onCycle.add(pid)
        onCycle.add(blocker)
        cycleEdges.add(`${pid}>${blocker}`)
        continue
      }
      d = Math.max(d, depth(blocker) + 1)
    }
    visiting.delete(pid)
    column.set(pid, d)
    return d
  }
  for (const pid of pids) depth(pid)

  const waiting = new Set(edges.map((e) => e.waiterPid))
  const rowsUsed = new Map<number, number>()
  const nodes: PlacedNode[] = pids
    .sort((a, b) => column.get(a)! - column.get(b)! || a - b)
    .map((pid) => {
      const c = column.get(pid)!
      const row = rowsUsed.get(c) ?? 0
      rowsUsed.set(c, row + 1)
      return { pid, column: c, row, x: row * (nodeWidth + siblingGap), y: c * (nodeHeight + layerGap), onCycle: onCycle.has(pid), isRoot: !waiting.has(pid) }
    })
  const columns = Math.max(0, ...nodes.map((n) => n.column)) + 1
  const rows = Math.max(0, ...rowsUsed.values())
  return { nodes, width: rows * nodeWidth + Math.max(0, rows - 1) * siblingGap, height: columns * nodeHeight + (columns - 1) * layerGap, cycleEdges }
}
