/**
 * The minimap's picture of a laid-out tree, as pixels: on a 100,000-node
 * plan a card is a fraction of a minimap pixel, so the cards are binned into
 * the canvas's pixels (one pass over the cards, one over the pixels) instead
 * of drawn one by one: an SVG path of 100,000 boxes took longer to build and
 * paint than the tree itself.
 */
import { cardHeight, cardWidth, type PlacedNode, type PlanTreeLayout } from './plan-tree-layout'

export interface MinimapColours {
  /** Every card; `critical` over it for the critical path. [r, g, b, a], 0–255. */
  card: readonly [number, number, number, number]
  critical: readonly [number, number, number, number]
}

/**
 * Marks the pixels a card covers: at least one, so a card never vanishes,
 * and `minimum` for the ones a reader must find (the critical path).
 */
function cover(grid: Uint8Array, width: number, height: number, box: { x0: number; y0: number; x1: number; y1: number }, value: number, minimum: number) {
  const x0 = Math.max(0, Math.min(width - minimum, Math.floor(box.x0)))
  const y0 = Math.max(0, Math.min(height - minimum, Math.floor(box.y0)))
  const x1 = Math.min(width, Math.max(x0 + minimum, Math.ceil(box.x1)))
  const y1 = Math.min(height, Math.max(y0 + minimum, Math.ceil(box.y1)))
  for (let y = y0; y < y1; y++) grid.fill(value, y * width + x0, y * width + x1)
}

/** Where a card lands in a `width` × `height` picture of the whole tree. */
export function cardBox(layout: PlanTreeLayout, p: { x: number; y: number }, width: number, height: number) {
  const sx = width / layout.width
  const sy = height / layout.height
  return { x0: (p.x - layout.minX) * sx, y0: p.y * sy, x1: (p.x - layout.minX + cardWidth) * sx, y1: (p.y + cardHeight) * sy }
}

/** RGBA pixels of the tree: cards in `colours.card`, the critical path's in `colours.critical` on top. */
export function minimapPixels(layout: PlanTreeLayout, critical: readonly PlacedNode[], width: number, height: number, colours: MinimapColours): Uint8ClampedArray<ArrayBuffer> {
  const grid = new Uint8Array(width * height)
  const sx = width / layout.width
  const sy = height / layout.height
  if (cardWidth * sx <= 1) {
    // Every card a pixel wide or less (a big tree): a few stores per card, no box.
    for (const p of layout.placed) {
      const x = Math.min(width - 1, Math.max(0, Math.floor((p.x - layout.minX) * sx)))
      const y0 = Math.min(height - 1, Math.max(0, Math.floor(p.y * sy)))
      const y1 = Math.min(height, Math.max(y0 + 1, Math.ceil((p.y + cardHeight) * sy)))
      for (let y = y0; y < y1; y++) grid[y * width + x] = 1
    }
  } else for (const p of layout.placed) cover(grid, width, height, cardBox(layout, p, width, height), 1, 1)
  for (const p of critical) cover(grid, width, height, cardBox(layout, p, width, height), 2, 2)
  const pixels = new Uint8ClampedArray(width * height * 4)
  const byValue = [null, colours.card, colours.critical]
  for (let i = 0; i < grid.length; i++) {
    const colour = byValue[grid[i]!]
    if (colour) pixels.set(colour, i * 4)
  }
  return pixels
}
