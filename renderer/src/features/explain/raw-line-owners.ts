/**
 * Which node each line of the source belongs to: the deepest node whose line
 * range holds it. One sweep over the lines with a stack of open ranges, so a
 * 500,000-line plan 300 levels deep costs lines + nodes, not lines × depth.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'

/** owners[line - 1] is the node id, or -1 for lines outside every node (headers, footers). */
export function rawLineOwners(nodes: readonly FlatNode[], lineCount: number): Int32Array {
  const owners = new Int32Array(lineCount).fill(-1)
  // Pre-order (id order) puts a parent before the children starting on the same line.
  const starting = nodes.filter((f) => f.node.sourceLines).sort((a, b) => a.node.sourceLines![0] - b.node.sourceLines![0] || a.id - b.id)
  const open: FlatNode[] = []
  let next = 0
  for (let line = 1; line <= lineCount; line++) {
    while (next < starting.length && starting[next]!.node.sourceLines![0] === line) open.push(starting[next++]!)
    while (open.length > 0 && open[open.length - 1]!.node.sourceLines![1] < line) open.pop()
    if (open.length > 0) owners[line - 1] = open[open.length - 1]!.id
  }
  return owners
}
