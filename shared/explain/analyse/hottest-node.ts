/**
 * Where a plan's time (or, not executed, its estimated cost) goes: each
 * node's exclusive cost, and the node that took the most on its own, the one
 * a reader must see first.
 */
import type { FlatNode } from './plan-metrics'

/** Whether the plan ran (EXPLAIN ANALYZE with timing): own time is known. */
export function hasTiming(nodes: readonly FlatNode[]): boolean {
  return nodes.some((f) => f.exclusiveMs !== null)
}

/**
 * A node's total cost minus its children's, never below 0 (index = node id).
 * Costs are cumulative like times, so this is the planner's "own time".
 */
export function exclusiveCosts(nodes: readonly FlatNode[]): Float64Array {
  const own = new Float64Array(nodes.length)
  for (const f of nodes) own[f.id] = f.node.totalCost ?? 0
  for (const f of nodes) if (f.parentId !== null) own[f.parentId] = own[f.parentId]! - (f.node.totalCost ?? 0)
  for (let i = 0; i < own.length; i++) if (own[i]! < 0) own[i] = 0
  return own
}

/** The node with the most own time (own cost when the plan did not run); the root for an empty measure. */
export function hottestNode(nodes: readonly FlatNode[]): number {
  if (nodes.length === 0) return 0
  const weights = hasTiming(nodes) ? nodes.map((f) => f.exclusiveMs ?? 0) : exclusiveCosts(nodes)
  let best = 0
  for (let i = 1; i < weights.length; i++) if (weights[i]! > weights[best]!) best = i
  return nodes[best]!.id
}

/** The node and its ancestors up to the root, root first. */
export function pathTo(nodes: readonly FlatNode[], id: number): number[] {
  const path: number[] = []
  for (let at: number | null = id; at !== null && nodes[at]; at = nodes[at]!.parentId) path.push(at)
  return path.reverse()
}
