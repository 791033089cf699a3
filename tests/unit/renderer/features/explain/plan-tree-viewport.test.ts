/**
 * Drawing only what is in view: on a 1,000-node tree with every node laid
 * out, the cards and edges near the view are drawn, far ones are not, and no
 * drawn card floats without the edge from its parent.
 */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { deepPlan, widePlan } from '../../../../../bench/support/generated-plans'
import { cardHeight, cardWidth, layoutPlanTree } from '../../../../../renderer/src/features/explain/plan-tree-layout'
import { cull } from '../../../../../renderer/src/features/explain/plan-tree-culling'
import { contains, regionOnScreen, withMargin } from '../../../../../renderer/src/features/explain/plan-tree-viewport'

const parsed = parsePlan(widePlan(1000))
if (!parsed.ok) throw new Error(parsed.error.message)
const layout = layoutPlanTree(planMetrics(parsed.plan))
const root = layout.placed[0]!
const panel = { width: 1000, height: 700 }
// The root centred at the top, at scale 1.
const atRoot = regionOnScreen({ x: panel.width / 2 - root.x - cardWidth / 2, y: 20, k: 1 }, panel.width, panel.height)

describe('culling the plan tree to the view', () => {
  it('draws the root and its nearby children, not the 1,000 cards', () => {
    const { placed } = cull(layout, atRoot)
    expect(layout.placed.length).toBe(1001)
    expect(placed).toContain(root)
    expect(placed.length).toBeGreaterThan(2)
    expect(placed.length).toBeLessThan(30)
  })

  it('draws a card that is in view and leaves out one that is far away', () => {
    const { placed } = cull(layout, atRoot)
    const near = layout.placed.filter((p) => p.depth === 1).sort((a, b) => Math.abs(a.x - root.x) - Math.abs(b.x - root.x))[0]!
    const far = layout.placed.filter((p) => p.depth === 1).sort((a, b) => Math.abs(b.x - root.x) - Math.abs(a.x - root.x))[0]!
    expect(placed).toContain(near)
    expect(placed).not.toContain(far)
  })

  it('keeps the edge to every drawn card, and only a few of the 250 edges fanning out of view', () => {
    const { placed, links } = cull(layout, atRoot)
    // Where an edge meets a card (its top middle) in view, the edge is drawn.
    const edgeEndInView = (p: (typeof placed)[number]) => p.x + cardWidth / 2 >= atRoot.x0 && p.x + cardWidth / 2 <= atRoot.x1 && p.y >= atRoot.y0 && p.y <= atRoot.y1
    const ends = placed.filter((card) => card.parent && edgeEndInView(card))
    expect(ends.length).toBeGreaterThan(2)
    for (const card of ends) expect(links.some((link) => link.target === card)).toBe(true)
    const fromRoot = links.filter((link) => link.source === root)
    const rootChildrenInView = placed.filter((p) => p.parent === root).length
    expect(root.children!.length).toBe(250)
    expect(fromRoot.length).toBeGreaterThan(rootChildrenInView)
    expect(fromRoot.length).toBeLessThanOrEqual(rootChildrenInView + 6)
  })

  it('keeps the edge into a far child on the critical path', () => {
    const far = root.children!.at(-1)!
    expect(cull(layout, atRoot).links.some((link) => link.target === far)).toBe(false)
    expect(cull(layout, atRoot, new Set([far.data.flat.id])).links.some((link) => link.target === far)).toBe(true)
  })

  it('a pan smaller than the margin stays inside what is drawn; a longer one does not', () => {
    const drawn = withMargin(atRoot)
    const panned = (dx: number) => regionOnScreen({ x: panel.width / 2 - root.x - cardWidth / 2 - dx, y: 20, k: 1 }, panel.width, panel.height)
    expect(contains(drawn, panned(panel.width * 0.4))).toBe(true)
    expect(contains(drawn, panned(panel.width * 0.6))).toBe(false)
  })

  it('zoomed out, the view covers more of the tree', () => {
    const far = regionOnScreen({ x: 0, y: 0, k: 0.1 }, panel.width, panel.height)
    expect(far.y1 - far.y0).toBeGreaterThan(layout.height)
    expect(cull(layout, far).placed.length).toBeGreaterThan(cull(layout, atRoot).placed.length)
  })

  it('finds exactly the cards a look at every card finds, wherever the view is, on wide and deep trees', () => {
    const deep = parsePlan(deepPlan(300))
    if (!deep.ok) throw new Error(deep.error.message)
    for (const tree of [layout, layoutPlanTree(planMetrics(deep.plan))]) {
      for (let i = 0; i < 40; i++) {
        const k = [0.1, 0.4, 1, 2][i % 4]!
        const x = -tree.minX * k - ((i * 7919) % 97) / 97 * tree.width * k
        const y = -((i * 104729) % 89) / 89 * tree.height * k
        const view = withMargin(regionOnScreen({ x, y, k }, panel.width, panel.height))
        const seen = (p: (typeof tree.placed)[number]) => p.x <= view.x1 && p.x + cardWidth >= view.x0 && p.y <= view.y1 && p.y + cardHeight + 36 >= view.y0
        const { placed, links } = cull(tree, view)
        expect(placed).toEqual(tree.placed.filter(seen))
        // Every drawn card whose edge end is in view has its edge.
        for (const card of placed) if (card.parent && card.x + cardWidth / 2 >= view.x0 && card.x + cardWidth / 2 <= view.x1 && card.y >= view.y0 && card.y <= view.y1) expect(links.some((link) => link.target === card)).toBe(true)
      }
    }
  })
})
