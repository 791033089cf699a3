/**
 * The plan tree's layout, DOM-free: card sizes are constants, positions come
 * from the tidy tree layout d3-hierarchy's `tree()` uses (see tidy-tree.ts),
 * run on flat arrays. Also what the benchmark measures.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { tidyTreeX } from './tidy-tree'

// Sized for text of 14 px and more (plan-card-content.ts): readable at the start zoom in a 1400×900 window.
export const cardWidth = 280
export const cardHeight = 110
const spacingX = cardWidth + 30
const spacingY = cardHeight + 70

export interface TreeDatum {
  flat: FlatNode
  children: TreeDatum[]
}

/** A card on the canvas: the fields of d3's HierarchyPointNode the views read. */
export interface PlacedNode {
  data: TreeDatum
  x: number
  y: number
  depth: number
  parent: PlacedNode | null
  children?: PlacedNode[]
}

export interface PlacedLink {
  source: PlacedNode
  target: PlacedNode
}

export interface PlanTreeLayout {
  /** Breadth-first, root first. */
  placed: PlacedNode[]
  /** One per placed node but the root, in the same order. */
  links: PlacedLink[]
  minX: number
  width: number
  height: number
  maxRows: number
}

/**
 * `nodes` in pre-order (the plan's list, or the part of it left visible); the
 * tree hangs from the node with id 0, and a node whose parent is not listed is
 * left out with its subtree.
 */
export function layoutPlanTree(nodes: FlatNode[]): PlanTreeLayout {
  // Positions in `nodes` of the nodes under the root, in pre-order, and each one's parent among them.
  let maxId = 0
  for (const f of nodes) if (f.id > maxId) maxId = f.id
  const positionOfId = new Int32Array(maxId + 1).fill(-1)
  const kept: FlatNode[] = []
  const parentOf = new Int32Array(nodes.length)
  for (const f of nodes) {
    const parentPosition = f.parentId === null ? -1 : f.parentId <= maxId ? positionOfId[f.parentId]! : -1
    if (f.id === 0 ? f.parentId !== null : parentPosition === -1) continue
    positionOfId[f.id] = kept.length
    parentOf[kept.length] = parentPosition
    kept.push(f)
  }
  const n = kept.length
  const placed: PlacedNode[] = []
  const links: PlacedLink[] = []
  let maxRows = 1
  for (const f of nodes) maxRows = Math.max(maxRows, f.actualRowsTotal ?? f.node.planRows ?? 1)
  if (n === 0 || kept[0]!.id !== 0) return { placed, links, minX: 0, width: cardWidth, height: cardHeight, maxRows }

  const parents = parentOf.subarray(0, n)
  const x = tidyTreeX(parents)
  // Children lists made at their final length.
  const childCount = new Int32Array(n)
  for (let i = 1; i < n; i++) childCount[parents[i]!]!++
  const filled = new Int32Array(n)
  const cards: PlacedNode[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? null : cards[parents[i]!]!
    const depth = parent ? parent.depth + 1 : 0
    const count = childCount[i]!
    const card: PlacedNode = { data: { flat: kept[i]!, children: count ? new Array<TreeDatum>(count) : [] }, x: x[i]! * spacingX, y: depth * spacingY, depth, parent }
    if (count) card.children = new Array<PlacedNode>(count)
    cards[i] = card
    if (parent) {
      const at = filled[parents[i]!]!++
      parent.data.children[at] = card.data
      parent.children![at] = card
    }
  }

  // Breadth-first, as d3's descendants() and links() list them.
  let minX = Infinity
  let maxX = -Infinity
  let maxY = 0
  placed.push(cards[0]!)
  for (let k = 0; k < placed.length; k++) {
    const card = placed[k]!
    if (card.x < minX) minX = card.x
    if (card.x > maxX) maxX = card.x
    if (card.y > maxY) maxY = card.y
    if (card.parent) links.push({ source: card.parent, target: card })
    if (card.children) for (const child of card.children) placed.push(child)
  }
  return { placed, links, minX, width: maxX - minX + cardWidth, height: maxY + cardHeight, maxRows }
}

/** How many nodes each collapsed node hides below it (its "+N hidden" badge). */
export function foldedCounts(collapsed: ReadonlySet<number>, childrenOf: ReadonlyMap<number, number[]>): Map<number, number> {
  const counts = new Map<number, number>()
  for (const id of collapsed) {
    let count = 0
    const stack = [...(childrenOf.get(id) ?? [])]
    while (stack.length) {
      const next = stack.pop()!
      count++
      for (const child of childrenOf.get(next) ?? []) stack.push(child)
    }
    if (count > 0) counts.set(id, count)
  }
  return counts
}
