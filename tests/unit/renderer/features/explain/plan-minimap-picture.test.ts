/**
 * The minimap's picture: every card shows somewhere, however small the
 * minimap makes it, and the critical path is drawn over the rest.
 */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { widePlan } from '../../../../../bench/support/generated-plans'
import { layoutPlanTree } from '../../../../../renderer/src/features/explain/plan-tree-layout'
import { cardBox, minimapPixels } from '../../../../../renderer/src/features/explain/plan-minimap-picture'

const colours = { card: [10, 20, 30, 140], critical: [200, 0, 0, 255] } as const

function tree(nodes: number) {
  const parsed = parsePlan(widePlan(nodes))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return layoutPlanTree(planMetrics(parsed.plan))
}

const colourAt = (pixels: Uint8ClampedArray, width: number, x: number, y: number) => [...pixels.slice((y * width + x) * 4, (y * width + x) * 4 + 4)]

describe('the minimap picture', () => {
  it('shows each card of a small tree as its own box, the critical path over it', () => {
    const layout = tree(9)
    const [width, height] = [220, 80]
    const root = layout.placed[0]!
    const pixels = minimapPixels(layout, [root], width, height, colours)
    for (const card of layout.placed) {
      const box = cardBox(layout, card, width, height)
      const inside = colourAt(pixels, width, Math.floor((box.x0 + box.x1) / 2), Math.floor((box.y0 + box.y1) / 2))
      expect(inside).toEqual(card === root ? [...colours.critical] : [...colours.card])
    }
    // Between the rows: nothing.
    expect(colourAt(pixels, width, 0, Math.floor(cardBox(layout, layout.placed[1]!, width, height).y0) - 1)[3]).toBe(0)
  })

  it('keeps every card of a 10,000-node tree visible though each is under a pixel', () => {
    const layout = tree(10_000)
    const [width, height] = [220, 56]
    const pixels = minimapPixels(layout, [], width, height, colours)
    // The bottom row of scans spans the whole width: its pixels are all painted.
    const bottom = Math.floor(cardBox(layout, layout.placed.at(-1)!, width, height).y0)
    const painted = Array.from({ length: width }, (_, x) => colourAt(pixels, width, x, bottom)[3]).filter((alpha) => (alpha ?? 0) > 0).length
    expect(painted).toBeGreaterThan(width * 0.95)
  })
})
