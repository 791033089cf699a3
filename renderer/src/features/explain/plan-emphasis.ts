/**
 * What a plan view emphasises: a 0..1 heat per node on a chosen scale, the
 * critical path, and which subtrees start collapsed on big plans. Pure.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { exclusiveCosts, hasTiming } from '@shared/explain/analyse/hottest-node'
import { memoOnPlan } from './plan-memo'

export const colourScales = ['time', 'cost', 'rows', 'buffers', 'misestimate'] as const
export type ColourScale = (typeof colourScales)[number]

export const colourScaleLabels: Record<ColourScale, string> = {
  time: 'Own time',
  cost: 'Own cost',
  rows: 'Rows',
  buffers: 'Buffers read',
  misestimate: 'Misestimate'
}

/**
 * The scale a plan opens with: own time when it ran; a plain EXPLAIN has no
 * time, so every node would be white: own (exclusive) cost then.
 */
export function defaultColourScale(nodes: readonly FlatNode[]): ColourScale {
  return hasTiming(nodes) ? 'time' : 'cost'
}

/** The scales a plan can colour by: no time without ANALYZE. */
export function colourScalesFor(nodes: readonly FlatNode[]): readonly ColourScale[] {
  return hasTiming(nodes) ? colourScales : colourScales.filter((s) => s !== 'time')
}

/** What the legend says the colour means. */
export function colourLegend(scale: ColourScale, nodes: readonly FlatNode[]): string {
  const what: Record<ColourScale, string> = {
    time: 'own time (the node without its children)',
    cost: hasTiming(nodes) ? 'own estimated cost (without its children)' : 'own estimated cost: the plan did not run, so there is no time',
    rows: 'rows returned',
    buffers: 'blocks read from outside the cache',
    misestimate: 'how far the row estimate was off'
  }
  return `Redder = more ${what[scale]}`
}

function buffersRead(f: FlatNode): number {
  const b = f.exclusiveBuffers
  return b ? b.shared.read + b.local.read + b.temp.read : 0
}

/** One children index per plan: the views, the folds and the emphasis all ask for it, and a big plan's costs ~10 ms. */
const childrenIndexes = new WeakMap<FlatNode[], Map<number, number[]>>()

/** Each node's children ids, in order. Shared by every caller for the same plan: read it, never change it. */
export function childrenIndex(nodes: FlatNode[]): Map<number, number[]> {
  const known = childrenIndexes.get(nodes)
  if (known) return known
  const map = new Map<number, number[]>()
  childrenIndexes.set(nodes, map)
  // Appended in place: an Append over thousands of partitions must not copy its list per child.
  for (const f of nodes) {
    if (f.parentId === null) continue
    const siblings = map.get(f.parentId)
    if (siblings) siblings.push(f.id)
    else map.set(f.parentId, [f.id])
  }
  return map
}

/** Heat of every node (index = node id) on the chosen scale, 0 (cool) to 1 (hot). */
export function heats(nodes: FlatNode[], scale: ColourScale): number[] {
  return memoOnPlan(nodes, `heats ${scale}`, () => heatsOn(nodes, scale))
}

function heatsOn(nodes: FlatNode[], scale: ColourScale): number[] {
  const costs = scale === 'cost' ? exclusiveCosts(nodes) : null
  const raw = nodes.map((f) => {
    switch (scale) {
      case 'time':
        return f.exclusivePercent ?? 0
      case 'cost':
        return costs![f.id]!
      case 'rows':
        return Math.log10(1 + (f.actualRowsTotal ?? f.node.planRows ?? 0))
      case 'buffers':
        return buffersRead(f)
      case 'misestimate':
        return f.misestimate ? Math.log10(f.misestimate.factor) : 0
    }
  })
  // A loop, not Math.max(...raw): a spread of 100,000 arguments overflows the stack.
  let max = 0
  for (const v of raw) if (v > max) max = v
  if (max <= 0) return raw.map(() => 0)
  // Square root: a node with a quarter of the maximum still shows clearly.
  return raw.map((v) => Math.sqrt(v / max))
}

/** From the root, always into the child that took the longest (or cost the most). */
export function criticalPath(nodes: FlatNode[]): Set<number> {
  return memoOnPlan(nodes, 'critical path', () => criticalPathOf(nodes))
}

function criticalPathOf(nodes: FlatNode[]): Set<number> {
  const childrenOf = childrenIndex(nodes)
  const weight = (f: FlatNode) => f.inclusiveMs ?? f.node.totalCost ?? 0
  const path = new Set<number>()
  let current: FlatNode | undefined = nodes[0]
  while (current) {
    path.add(current.id)
    const children: FlatNode[] = (childrenOf.get(current.id) ?? []).map((id) => nodes[id]!)
    current = children.length ? children.reduce((a, b) => (weight(b) > weight(a) ? b : a)) : undefined
  }
  return path
}

/**
 * Subtrees to show folded when a plan is big: below `threshold` of the time
 * (or cost), their top node stays visible and its children are hidden.
 */
export function autoCollapsed(nodes: FlatNode[], options = { minNodes: 200, threshold: 5 }): Set<number> {
  const collapsed = new Set<number>()
  if (nodes.length < options.minNodes) return collapsed
  const childrenOf = childrenIndex(nodes)
  const rootWeight = nodes[0]!.inclusiveMs ?? nodes[0]!.node.totalCost ?? 0
  const share = (f: FlatNode) => (rootWeight > 0 ? ((f.inclusiveMs ?? f.node.totalCost ?? 0) / rootWeight) * 100 : 0)
  // A stack, not recursion: a plan thousands of levels deep must not overflow the call stack.
  const stack = [0]
  while (stack.length) {
    const id = stack.pop()!
    const children = childrenOf.get(id) ?? []
    if (id !== 0 && children.length > 0 && share(nodes[id]!) < options.threshold) collapsed.add(id)
    else for (const child of children) stack.push(child)
  }
  return collapsed
}

/** The nodes left on screen when `collapsed` subtrees and grouped siblings hide their descendants. */
export function visibleNodes(nodes: FlatNode[], collapsed: ReadonlySet<number>, grouped: ReadonlyMap<number, number[]> = new Map()): FlatNode[] {
  const hidden = new Set<number>()
  for (const ids of grouped.values()) for (const id of ids) hidden.add(id)
  // Pre-order: a parent is decided before its children.
  for (const f of nodes) if (f.parentId !== null && (hidden.has(f.parentId) || collapsed.has(f.parentId))) hidden.add(f.id)
  return nodes.filter((f) => !hidden.has(f.id))
}

/**
 * Children beyond the `maxShown` costliest of a node, hidden until the user
 * opens the group: thousands of partition scans under one Append stay one
 * readable row. Parents in `expanded` show all their children.
 */
export function hiddenSiblings(nodes: FlatNode[], expanded: ReadonlySet<number>, maxShown = 6): Map<number, number[]> {
  // As a plan opens nothing is expanded: that one is kept (the same Map each time, so the layout's memo holds too).
  if (expanded.size === 0) return memoOnPlan(nodes, `hidden siblings ${maxShown}`, () => hiddenSiblingsOf(nodes, expanded, maxShown))
  return hiddenSiblingsOf(nodes, expanded, maxShown)
}

function hiddenSiblingsOf(nodes: FlatNode[], expanded: ReadonlySet<number>, maxShown: number): Map<number, number[]> {
  const hidden = new Map<number, number[]>()
  const weight = (id: number) => nodes[id]!.inclusiveMs ?? nodes[id]!.node.totalCost ?? 0
  for (const [parent, children] of childrenIndex(nodes)) {
    if (expanded.has(parent) || children.length <= maxShown + 1) continue
    const keep = new Set([...children].sort((a, b) => weight(b) - weight(a)).slice(0, maxShown))
    hidden.set(
      parent,
      children.filter((id) => !keep.has(id))
    )
  }
  return hidden
}
