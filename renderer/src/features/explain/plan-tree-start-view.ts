/**
 * Where the plan tree opens, and where Fit takes it, DOM-free.
 *
 * The whole tree when it fits at a readable scale; otherwise, at the
 * smallest readable scale, the hot path (the root down to the node with the
 * most own time); and when even that is too tall, the hottest node itself,
 * with as many of its ancestors above it as the panel holds. Never below
 * `minReadableScale` (times the text scale the user chose with A+/A−): a
 * fit that shrinks cards to empty boxes shows nothing.
 */
import { minReadableScale } from './plan-card-content'
import { cardHeight, cardWidth, type PlanTreeLayout } from './plan-tree-layout'

export interface StartView {
  x: number
  y: number
  k: number
  /** Whether the whole tree is on screen. */
  fits: boolean
}

/** Room kept around the drawing, above it for the zoom buttons, and below a card for its "+N" pills. */
const margin = 20
const top = 52
const pillRoom = 32

/** `zoom`: the starting scale's bounds before the text scale (presenter mode starts bigger, for a room). */
export function startView(
  layout: PlanTreeLayout,
  hotPath: readonly number[],
  width: number,
  height: number,
  textScale = 1,
  [minZoom, maxZoom]: readonly [min: number, max: number] = [minReadableScale, 1.2]
): StartView {
  const kMin = Math.max(minZoom, minReadableScale) * textScale
  const kMax = Math.max(maxZoom * textScale, kMin)
  const wholeK = Math.min((width - 2 * margin) / layout.width, (height - top - margin) / (layout.height + pillRoom))
  if (wholeK >= kMin) {
    const k = Math.min(kMax, wholeK)
    return { x: (width - layout.width * k) / 2 - layout.minX * k, y: top, k, fits: true }
  }

  const onPath = new Set(hotPath)
  const path = layout.placed.filter((p) => onPath.has(p.data.flat.id))
  // The deepest card of the path that is laid out (a folded subtree hides the rest).
  const hot = path.reduce((a, b) => (b.depth > a.depth ? b : a), layout.placed[0]!)
  const x0 = Math.min(...path.map((p) => p.x), hot.x)
  const x1 = Math.max(...path.map((p) => p.x + cardWidth), hot.x + cardWidth)
  const y1 = hot.y + cardHeight + pillRoom
  // The smallest readable scale: the most of the tree around the path that can be read.
  const k = kMin
  // Centre the path when it fits across, else the hottest card.
  const across = (x1 - x0) * k <= width - 2 * margin ? (x0 + x1) / 2 : hot.x + cardWidth / 2
  let x = width / 2 - across * k
  // Top-aligned when the path fits down, else the hottest card low in the panel with its ancestors above.
  let y = y1 * k <= height - top - margin ? top : height - margin - y1 * k
  // Whatever happened above, the hottest card is whole on screen.
  x = Math.min(Math.max(x, margin - hot.x * k), width - margin - (hot.x + cardWidth) * k)
  y = Math.min(Math.max(y, top - hot.y * k), height - margin - (hot.y + cardHeight) * k)
  // No half card at the top: the first row in view starts below the zoom buttons (the view moves up, never the hot card out).
  const row = layout.placed.find((p) => p.depth === 1)?.y ?? 0
  if (y < top && row > 0) y = top - Math.ceil((top - y) / (row * k)) * row * k
  return { x, y, k, fits: false }
}
