/**
 * The plan tree's layout, DOM-free: card sizes are constants, positions come
 * from d3-hierarchy's tree layout. Also what the benchmark measures.
 */
import { hierarchy, tree, type HierarchyPointLink, type HierarchyPointNode } from 'd3'
import type { FlatNode } from '../../../../shared/explain/plan-metrics'

export const cardWidth = 250
export const cardHeight = 96

export interface TreeDatum {
  flat: FlatNode
  children: TreeDatum[]
}

export interface PlanTreeLayout {
  placed: Array<HierarchyPointNode<TreeDatum>>
  links: Array<HierarchyPointLink<TreeDatum>>
  minX: number
  width: number
  height: number
  maxRows: number
}

export function layoutPlanTree(nodes: FlatNode[]): PlanTreeLayout {
  const byId = new Map<number, TreeDatum>()
  for (const flat of nodes) byId.set(flat.id, { flat, children: [] })
  for (const flat of nodes) if (flat.parentId !== null) byId.get(flat.parentId)?.children.push(byId.get(flat.id)!)
  const root = hierarchy(byId.get(0)!)
  const laidOut = tree<TreeDatum>().nodeSize([cardWidth + 30, cardHeight + 70])(root)
  const placed = laidOut.descendants()
  let minX = Infinity
  let maxX = -Infinity
  let maxY = 0
  for (const p of placed) {
    if (p.x < minX) minX = p.x
    if (p.x > maxX) maxX = p.x
    if (p.y > maxY) maxY = p.y
  }
  let maxRows = 1
  for (const n of nodes) maxRows = Math.max(maxRows, n.actualRowsTotal ?? n.node.planRows ?? 1)
  return { placed, links: laidOut.links(), minX, width: maxX - minX + cardWidth, height: maxY + cardHeight, maxRows }
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
