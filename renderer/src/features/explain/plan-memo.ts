/**
 * Results computed once per plan: what the views derive from a plan's nodes
 * (heats, the critical path, the folds, the layout) kept with that nodes
 * array, so a big plan's derivations can be computed ahead, a task each,
 * while it opens (plan-preparation.ts), and its first render finds them.
 *
 * Keyed by the nodes array: a new plan is a new array, and the old plan's
 * results go with it.
 */
import { hottestNode, pathTo } from '@shared/explain/analyse/hottest-node'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'

const memos = new WeakMap<readonly FlatNode[], Map<string, unknown>>()

export function memoOnPlan<T>(nodes: readonly FlatNode[], key: string, compute: () => T): T {
  let memo = memos.get(nodes)
  if (!memo) memos.set(nodes, (memo = new Map()))
  if (memo.has(key)) return memo.get(key) as T
  const value = compute()
  memo.set(key, value)
  return value
}

/** The root down to the node with the most own time (or cost): what the tree opens on. */
export function hotPathOf(nodes: readonly FlatNode[]): number[] {
  return memoOnPlan(nodes, 'hot path', () => pathTo(nodes, hottestNode(nodes)))
}
