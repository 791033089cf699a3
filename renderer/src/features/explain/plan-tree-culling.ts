/**
 * What part of a laid-out plan tree to draw, found without looking at every
 * card: on a 100,000-node tree the view shows a few dozen cards, and a pan,
 * a click or a fold must not walk the 100,000 to find them.
 *
 * The layout lists cards breadth-first, so each depth is one run of the list,
 * all at the same y and in increasing x; a parent's children are one run of
 * the next depth. A region is then a range of depths, and a binary search on
 * x in each.
 */
import { cardHeight, cardWidth, type PlacedLink, type PlacedNode, type PlanTreeLayout } from './plan-tree-layout'
import { edgeCrosses, type Region } from './plan-tree-viewport'

/** Badges hang below a card: a card counts as in a region down to them. */
const badgeDepth = 36
/** Edges kept per parent and side towards children beyond the region (the rest run along them). */
const offRegionEdges = 3

interface CullIndex {
  /** Start of each depth's run in `placed`; one more entry than depths. */
  rowStart: Int32Array
  rowY: Float64Array
  /** Each card's x, in `placed` order. */
  xs: Float64Array
  /** Position in `placed` of each node id, -1 when not placed. */
  positionOfId: Int32Array
  /** Position in `placed` of each card's parent (-1 for the root) and of its first child (its children follow it). */
  parentAt: Int32Array
  firstChildAt: Int32Array
}

const indexes = new WeakMap<PlanTreeLayout, CullIndex>()

function indexOf(layout: PlanTreeLayout): CullIndex {
  const known = indexes.get(layout)
  if (known) return known
  const { placed } = layout
  const n = placed.length
  const xs = new Float64Array(n)
  const depths: number[] = []
  let maxId = 0
  for (let i = 0; i < n; i++) {
    const p = placed[i]!
    xs[i] = p.x
    if (p.data.flat.id > maxId) maxId = p.data.flat.id
    if (i === 0 || p.depth !== placed[i - 1]!.depth) depths.push(i)
  }
  const rowStart = Int32Array.from([...depths, n])
  const rowY = Float64Array.from(depths, (at) => placed[at]!.y)
  const positionOfId = new Int32Array(maxId + 1).fill(-1)
  for (let i = 0; i < n; i++) positionOfId[placed[i]!.data.flat.id] = i
  const parentAt = new Int32Array(n).fill(-1)
  const firstChildAt = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const children = placed[i]!.children
    if (!children?.length) continue
    const first = positionOfId[children[0]!.data.flat.id]!
    firstChildAt[i] = first
    for (let c = 0; c < children.length; c++) parentAt[first + c] = i
  }
  const index = { rowStart, rowY, xs, positionOfId, parentAt, firstChildAt }
  indexes.set(layout, index)
  return index
}

/** The card of node `id`, if it is on the tree (not folded away). */
export function placedCard(layout: PlanTreeLayout, id: number | null): PlacedNode | undefined {
  if (id === null) return undefined
  const at = indexOf(layout).positionOfId[id] ?? -1
  return at >= 0 ? layout.placed[at] : undefined
}

/** First position in `xs[from, to)` whose value is ≥ `x`. */
function firstAtLeast(xs: Float64Array, from: number, to: number, x: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The depths whose band overlaps y0..y1: from `top` below the row's y to
 * `bottom` below it (to the next row's y when `bottom` is null).
 */
function depthsCrossing(index: CullIndex, y0: number, y1: number, top: number, bottom: number | null): [number, number] {
  const { rowY } = index
  const rows = rowY.length
  const bandEnd = (d: number) => (bottom === null ? (d + 1 < rows ? rowY[d + 1]! : -Infinity) : rowY[d]! + bottom)
  let first = 0
  while (first < rows && bandEnd(first) < y0) first++
  let last = first
  while (last < rows && rowY[last]! + top <= y1) last++
  return [first, last]
}

/**
 * The cards and edges of `layout` that cross `region`, as `layout` lists them.
 * Edges from one parent to many children out of view (an Append over 2,500
 * partitions) leave the region almost on top of each other: only those to the
 * nearest few children on each side are drawn, the rest would paint the same
 * pixels again, 2,500 times per frame. Edges into `alwaysEdgesTo` (the
 * critical path) are always kept.
 */
export function cull(layout: PlanTreeLayout, region: Region, alwaysEdgesTo: ReadonlySet<number> = new Set()): { placed: PlacedNode[]; links: PlacedLink[] } {
  const index = indexOf(layout)
  const { rowStart, xs, parentAt, firstChildAt } = index
  const placed: PlacedNode[] = []
  const [firstRow, lastRow] = depthsCrossing(index, region.y0, region.y1, 0, cardHeight + badgeDepth)
  for (let d = firstRow; d < lastRow; d++) {
    const end = rowStart[d + 1]!
    for (let i = firstAtLeast(xs, rowStart[d]!, end, region.x0 - cardWidth); i < end && xs[i]! <= region.x1; i++) placed.push(layout.placed[i]!)
  }

  // Edges: children whose edge may cross the region, by the position of the child in `placed`.
  const kept = new Set<number>()
  const keep = (child: number) => {
    if (!kept.has(child) && edgeCrosses(region, layout.placed[parentAt[child]!]!, layout.placed[child]!)) kept.add(child)
  }
  // An edge runs from the bottom of a card at depth d to the top of its child at d + 1.
  const [firstEdgeRow, lastEdgeRow] = depthsCrossing(index, region.y0, region.y1, cardHeight, null)
  const centre = cardWidth / 2
  for (let d = firstEdgeRow; d < lastEdgeRow && d + 1 < rowStart.length - 1; d++) {
    const childRow = [rowStart[d + 1]!, rowStart[d + 2]!] as const
    // Children whose edge ends within the region's width, and the nearest ones beyond each side.
    const a = firstAtLeast(xs, childRow[0], childRow[1], region.x0 - centre)
    const b = firstAtLeast(xs, a, childRow[1], region.x1 - centre + 1e-9)
    // Parents whose edges may cross: those above the region's width, and any parent of a child just beside it
    // (an edge with both ends outside the region's width spans it, so its parent's children run across it).
    const parents = new Set<number>()
    const pa = firstAtLeast(xs, rowStart[d]!, rowStart[d + 1]!, region.x0 - centre)
    for (let p = pa; p < rowStart[d + 1]! && xs[p]! + centre <= region.x1; p++) parents.add(p)
    for (const c of [a - 1, a, b - 1, b]) if (c >= childRow[0] && c < childRow[1]) parents.add(parentAt[c]!)
    for (const p of parents) {
      const c0 = firstChildAt[p]!
      if (c0 < 0) continue
      const c1 = c0 + layout.placed[p]!.children!.length
      for (let c = Math.max(c0, a); c < Math.min(c1, b); c++) keep(c)
      for (let c = Math.min(c1, a) - 1; c >= Math.max(c0, a - offRegionEdges) && c >= c0; c--) keep(c)
      for (let c = Math.max(c0, b); c < Math.min(c1, b + offRegionEdges); c++) keep(c)
    }
  }
  for (const id of alwaysEdgesTo) {
    const at = index.positionOfId[id] ?? -1
    if (at > 0) keep(at)
  }
  // `layout.links[i - 1]` is the edge into `layout.placed[i]`.
  const links = [...kept].sort((x, y) => x - y).map((child) => layout.links[child - 1]!)
  return { placed, links }
}
