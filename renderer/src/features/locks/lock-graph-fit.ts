/**
 * How large the lock graph is drawn in its canvas, and with which boxes.
 *
 * The drawing is scaled to fill its canvas, between a floor that keeps the
 * smallest text at 13 px on screen (a bigger graph scrolls instead) and a
 * ceiling (two sessions should not fill a wall). A blocking chain is as tall
 * as its layers, so beside the chrome and the queues its height decides the
 * scale. In presenter mode the chrome and the queues are gone and the canvas
 * is wide: the graph is laid out with every box shape and drawn with the one
 * that comes out largest (for a chain, the wide boxes, a fifth shorter per
 * layer), so the room gets the space the chrome gave up. Pure: no DOM.
 */
import type { LockGraphLayout } from './lock-graph-layout'

/** The smallest font in the drawing (a box's wait, facts and query lines), in drawing units. */
export const smallestFont = 15
const minScale = 13 / smallestFont
const maxScale = 1.4
/** Presenter mode: a small chain fills the projected screen. */
const presenterMaxScale = 2.2
const margin = 24

export interface GraphFit {
  layout: LockGraphLayout
  /** Drawing units to screen pixels. */
  k: number
  /** Where the drawing's top left corner goes in the canvas. */
  x: number
  y: number
}

/** The scale at which `layout` fills `canvas` (margins kept), within the mode's bounds. */
export function fittedScale(layout: LockGraphLayout, canvas: { width: number; height: number }, presenting: boolean): number {
  const fitted = Math.min((canvas.width - 2 * margin) / Math.max(1, layout.width), (canvas.height - 2 * margin) / Math.max(1, layout.height))
  return Math.max(minScale, Math.min(presenting ? presenterMaxScale : maxScale, fitted))
}

/** The candidate layout drawn largest (the first on a tie), its scale, and its place: centred when it fits, else from the top left corner. */
export function fitLockGraph(candidates: readonly [LockGraphLayout, ...LockGraphLayout[]], canvas: { width: number; height: number }, presenting: boolean): GraphFit {
  let best = candidates[0]
  let k = fittedScale(best, canvas, presenting)
  for (const layout of candidates.slice(1)) {
    const scale = fittedScale(layout, canvas, presenting)
    if (scale > k) [best, k] = [layout, scale]
  }
  const x = Math.max(margin, (canvas.width - best.width * k) / 2)
  const y = Math.max(margin, (canvas.height - best.height * k) / 2)
  return { layout: best, k, x, y }
}
