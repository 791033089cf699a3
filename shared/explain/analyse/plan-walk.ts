/**
 * Walking a plan the way PostgreSQL runs it, for a trainer in front of a room.
 *
 * The executor pulls rows from the top, but the first rows are produced at the
 * leaves: a node can only finish once its inputs have, so a room follows a
 * plan best leaves first, children before their parent (a post-order). Among
 * siblings, what runs first goes first: a node's InitPlans (computed once,
 * before it needs their value) and, under a Hash Join, the Hash (the hash
 * table is built before the outer side probes it); the rest in plan order.
 *
 * The step reveal shows that walk one node at a time: `revealed` counts the
 * nodes on screen, the newest one being the node explained. Everything here is
 * pure, so the plan view, the tests and any other host share one meaning of
 * "next".
 */

/** What the walk reads of a node: the flat list the metrics give (pre-order, ids from 0). */
export interface WalkNode {
  id: number
  parentId: number | null
  node: { nodeType: string; parentRelationship: string | null }
}

/** Which child runs first: lower goes first; ties keep plan order. */
function startsAt(child: WalkNode, parent: WalkNode | undefined): number {
  if (child.node.parentRelationship === 'InitPlan') return 0
  if (parent?.node.nodeType === 'Hash Join' && child.node.nodeType === 'Hash') return 1
  return 2
}

/**
 * The ids of `nodes` in execution order: every node after all of its
 * children. Nodes whose parent is not in `nodes` (a folded subtree's insides)
 * are left out with their subtree, so the walk follows what is on screen.
 */
export function executionOrder(nodes: readonly WalkNode[]): number[] {
  const byId = new Map<number, WalkNode>()
  for (const n of nodes) byId.set(n.id, n)
  const children = new Map<number, WalkNode[]>()
  let root: WalkNode | undefined
  for (const n of nodes) {
    if (n.parentId === null) {
      root ??= n
      continue
    }
    if (!byId.has(n.parentId)) continue
    const list = children.get(n.parentId)
    if (list) list.push(n)
    else children.set(n.parentId, [n])
  }
  if (!root) return []
  for (const [parentId, list] of children) {
    const parent = byId.get(parentId)
    // Array.prototype.sort is stable: plan order is kept within each rank.
    list.sort((a, b) => startsAt(a, parent) - startsAt(b, parent))
  }
  // Iterative post-order: plans thousands of levels deep must not overflow the call stack.
  const order: number[] = []
  const stack: Array<{ node: WalkNode; next: number }> = [{ node: root, next: 0 }]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    const list = children.get(top.node.id)
    if (list && top.next < list.length) stack.push({ node: list[top.next++]!, next: 0 })
    else {
      order.push(top.node.id)
      stack.pop()
    }
  }
  return order
}

/** Where a presentation of one plan stands: revealing step by step, or every node shown. */
export interface PlanWalk {
  revealing: boolean
  /** How many nodes of the order are on screen while revealing (at least 1). */
  revealed: number
}

export const showingEverything: PlanWalk = { revealing: false, revealed: 0 }

/** A step of the walk: the new walk and the node to select (explain). */
export interface WalkStep {
  walk: PlanWalk
  selectedId: number | null
}

/** The step reveal from its start: the first node to run, alone on screen. */
export function startReveal(order: readonly number[]): WalkStep {
  return { walk: { revealing: true, revealed: Math.min(1, order.length) }, selectedId: order[0] ?? null }
}

/** Out of the step reveal: every node on screen again, the selection kept. */
export function stopReveal(selectedId: number | null): WalkStep {
  return { walk: showingEverything, selectedId }
}

/**
 * One step forward (`delta` 1) or back (−1). Revealing, forward shows the next
 * node and explains it, back hides the newest one; otherwise the selection
 * moves along the execution order. The walk stops at either end.
 */
export function walkStep(order: readonly number[], walk: PlanWalk, selectedId: number | null, delta: 1 | -1): WalkStep {
  if (order.length === 0) return { walk, selectedId }
  if (walk.revealing) {
    const revealed = Math.max(1, Math.min(order.length, walk.revealed + delta))
    return { walk: { revealing: true, revealed }, selectedId: order[revealed - 1]! }
  }
  const at = selectedId === null ? -1 : order.indexOf(selectedId)
  // Nothing selected (or a node off the walk): forward starts at the first node, back at the last.
  const next = at === -1 ? (delta === 1 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + delta))
  return { walk, selectedId: order[next]! }
}

/** The first (`'first'`) or last node of the walk; revealing, the last shows every node. */
export function walkEnd(order: readonly number[], walk: PlanWalk, end: 'first' | 'last'): WalkStep {
  if (order.length === 0) return { walk, selectedId: null }
  const index = end === 'first' ? 0 : order.length - 1
  return { walk: walk.revealing ? { revealing: true, revealed: index + 1 } : walk, selectedId: order[index]! }
}

/** The ids on screen: null when every node is (not revealing). */
export function revealedIds(order: readonly number[], walk: PlanWalk): ReadonlySet<number> | null {
  if (!walk.revealing) return null
  return new Set(order.slice(0, Math.max(1, walk.revealed)))
}

/** "Step 3 of 7": the selected node's place in the walk (1-based), or 0 when it is off the walk. */
export function walkPosition(order: readonly number[], selectedId: number | null): { step: number; of: number } {
  return { step: selectedId === null ? 0 : order.indexOf(selectedId) + 1, of: order.length }
}
