/**
 * What part of the plan tree to draw, DOM-free: the region on screen (plus a
 * margin, so panning a little redraws nothing), whether an edge crosses it
 * (plan-tree-culling.ts finds the cards and edges that do), and how much
 * detail a card gets at the current zoom.
 */
import { cardHeight, cardWidth } from './plan-tree-layout'

export interface Region {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** Below this scale card text is under ~6 px: cards are drawn as plain coloured boxes. */
export const detailScale = 0.38

/** The tree coordinates shown in a `width` × `height` panel under a pan/zoom transform. */
export function regionOnScreen(transform: { x: number; y: number; k: number }, width: number, height: number): Region {
  const { x, y, k } = transform
  return { x0: -x / k, y0: -y / k, x1: (width - x) / k, y1: (height - y) / k }
}

/** `region` grown by `share` of its size on every side. */
export function withMargin(region: Region, share = 0.5): Region {
  const dx = (region.x1 - region.x0) * share
  const dy = (region.y1 - region.y0) * share
  return { x0: region.x0 - dx, y0: region.y0 - dy, x1: region.x1 + dx, y1: region.y1 + dy }
}

export function contains(outer: Region, inner: Region): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1
}

function overlaps(a: Region, x0: number, y0: number, x1: number, y1: number): boolean {
  return Math.min(x0, x1) <= a.x1 && Math.max(x0, x1) >= a.x0 && Math.min(y0, y1) <= a.y1 && Math.max(y0, y1) >= a.y0
}

/** The S-shaped edge from a card's bottom to its child's top, as drawn. */
export function edgePoints(source: { x: number; y: number }, target: { x: number; y: number }) {
  const x1 = source.x + cardWidth / 2
  const y1 = source.y + cardHeight
  const x2 = target.x + cardWidth / 2
  const y2 = target.y
  return { x1, y1, x2, y2, ym: (y1 + y2) / 2 }
}

/**
 * Whether an edge crosses the region. Its bounding box is not enough: the
 * edges from an Append to 2,500 children all span the root's row, so the
 * curve is checked as a few straight pieces (it runs one way in x and in y).
 */
export function edgeCrosses(region: Region, source: { x: number; y: number }, target: { x: number; y: number }): boolean {
  const { x1, y1, x2, y2, ym } = edgePoints(source, target)
  if (!overlaps(region, x1, y1, x2, y2)) return false
  const at = (t: number) => {
    const u = 1 - t
    // Cubic Bézier with control points (x1, ym) and (x2, ym).
    return { x: u * u * u * x1 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x2, y: u * u * u * y1 + 3 * u * t * (u + t) * ym + t * t * t * y2 }
  }
  const pieces = 6
  let previous = at(0)
  for (let i = 1; i <= pieces; i++) {
    const next = at(i / pieces)
    if (overlaps(region, previous.x, previous.y, next.x, next.y)) return true
    previous = next
  }
  return false
}
