/**
 * The plan at first glance: cards whose text never leaves the card, badges
 * from the warnings, plain EXPLAIN coloured by cost, and a start view that
 * shows the hottest node at a readable scale however deep it is.
 */
import { describe, expect, it } from 'vitest'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { hottestNode, pathTo } from '@shared/explain/analyse/hottest-node'
import { emptyNode } from '@shared/explain/model/plan-model'
import { cardContent, cardFonts, cardGeometry, estimateTextWidth, fitText, minReadableScale } from '../../../../../renderer/src/features/explain/plan-card-content'
import { colourLegend, defaultColourScale, heats } from '../../../../../renderer/src/features/explain/plan-emphasis'
import { cardHeight, cardWidth, layoutPlanTree } from '../../../../../renderer/src/features/explain/plan-tree-layout'
import { startView } from '../../../../../renderer/src/features/explain/plan-tree-start-view'
import { fixture, fixturePairs, parsed } from '../../../explain/support/fixtures'

const room = cardGeometry.width - 2 * cardGeometry.padding

describe('card text', () => {
  it('keeps a line that fits, and cuts one that does not with "…", keeping the whole for its tooltip', () => {
    expect(fitText('Seq Scan', room, cardFonts.title, estimateTextWidth)).toEqual({ text: 'Seq Scan', full: null })
    const long = 'using a_very_long_index_name_that_goes_on_and_on on a_table_with_a_long_name t'
    const cut = fitText(long, room, cardFonts.target, estimateTextWidth)
    expect(cut.text.endsWith('…')).toBe(true)
    expect(cut.full).toBe(long)
    expect(estimateTextWidth(cut.text, cardFonts.target)).toBeLessThanOrEqual(room)
  })

  it('never runs out of the card on any captured plan, badges included', () => {
    for (const { json } of fixturePairs()) {
      for (const f of planMetrics(parsed(json))) {
        const c = cardContent(f, estimateTextWidth)
        const titleRoom = room - (c.share ? estimateTextWidth(c.share, cardFonts.share) + 10 : 0)
        expect(estimateTextWidth(c.title.text, cardFonts.title)).toBeLessThanOrEqual(titleRoom)
        expect(estimateTextWidth(c.target.text, c.targetFont)).toBeLessThanOrEqual(room)
        expect(estimateTextWidth(c.figures.text, cardFonts.figures)).toBeLessThanOrEqual(room)
        for (const b of c.badges) expect(b.x + b.width).toBeLessThanOrEqual(cardWidth - cardGeometry.padding)
      }
    }
  })

  it('draws its smallest text at 13 px or more at the smallest scale a fit uses', () => {
    const smallest = Math.min(...Object.values(cardFonts).map((f) => f.size))
    expect(smallest * minReadableScale).toBeGreaterThanOrEqual(13)
  })

  it('wears the warnings of the side panel as badges: a filter throwing rows away', () => {
    const scan = planMetrics(parsed(fixture('pg18-seq-scan-filter', 'json'))).find((f) => f.node.nodeType === 'Seq Scan')!
    expect(cardContent(scan, estimateTextWidth).badges.map((b) => [b.text, b.tone])).toEqual([[expect.stringMatching(/% of rows thrown away$/), expect.stringMatching(/high|medium/)]])
  })

  it('calls out partition pruning on the Append of a pasted plan: "2 partitions scanned" and "Subplans Removed: 2", no total it cannot know', () => {
    const append = planMetrics(parsed(fixture('pg18-runtime-pruning', 'json'))).find((f) => f.node.nodeType === 'Append')!
    const c = cardContent(append, estimateTextWidth)
    expect(c.target.text).toBe('2 partitions scanned')
    expect(c.badges.map((b) => b.text)).toContain('Subplans Removed: 2')
  })

  it('gives the catalog\'s total on a plan explained on a connection: "2 of 13 partitions scanned", "9 pruned at planning"', () => {
    const append = planMetrics(parsed(fixture('pg18-runtime-pruning', 'json'))).find((f) => f.node.nodeType === 'Append')!
    const ancestry = append.node.children.map((c) => ({ schema: c.schema!, name: c.relation!, ancestors: [{ schema: 'public', name: 'events', partitions: 13 }] }))
    const c = cardContent(append, estimateTextWidth, undefined, ancestry)
    // The estimate is generous: in the app, measured, the line fits; here it may end in "…" with the whole as its tooltip.
    expect(c.target.full ?? c.target.text).toBe('2 of 13 partitions scanned')
    expect(c.target.text).toMatch(/^2 of 13 partitions/)
    expect(c.badges[0]!.text).toBe('9 pruned at planning')
    // Two badges do not fit a card side by side: the second is behind "+1", with its words as the tooltip.
    expect(c.badges.map((b) => b.title).join('\n')).toContain('2 partitions pruned as execution started')
  })

  it('shows a WindowAgg its window', () => {
    const window = planMetrics(parsed(fixture('pg18-window-function', 'json'))).find((f) => f.node.nodeType === 'WindowAgg')!
    expect(cardContent(window, estimateTextWidth).target.full ?? cardContent(window, estimateTextWidth).target.text).toBe('w1 AS (PARTITION BY orders.customer_id ORDER BY orders.id)')
  })

  it('shows own cost and its share on a plan that did not run', () => {
    const nodes = planMetrics(parsed(fixture('pg18-no-analyze', 'json')))
    const c = cardContent(nodes[0]!, estimateTextWidth, { cost: 12.5, costShare: 40 })
    expect(c.figures.text).toMatch(/^own cost 13 · /)
    expect(c.share).toBe('40 %')
  })
})

describe('colouring', () => {
  it('colours a plan that ran by own time, and one that did not by own cost, and the legend says so', () => {
    const ran = planMetrics(parsed(fixture('pg18-hash-join', 'json')))
    const estimated = planMetrics(parsed(fixture('pg18-no-analyze', 'json')))
    expect(defaultColourScale(ran)).toBe('time')
    expect(defaultColourScale(estimated)).toBe('cost')
    expect(colourLegend('cost', estimated)).toMatch(/cost.*did not run/)
    // Not every node white: the costliest is the hottest.
    expect(Math.max(...heats(estimated, 'cost'))).toBe(1)
    expect(Math.max(...heats(estimated, 'time'))).toBe(0)
  })
})

/** A chain of `depth` nodes whose deepest takes nearly all the time. */
function deepChain(depth: number) {
  const root = emptyNode('Limit')
  let node = root
  for (let i = 1; i < depth; i++) {
    const child = emptyNode(i === depth - 1 ? 'Seq Scan' : 'Sort')
    node.children.push(child)
    node = child
  }
  const all = [root]
  for (let n = root; n.children[0]; n = n.children[0]) all.push(n.children[0])
  all.forEach((n, i) => Object.assign(n, { actualTotalMs: 100 - i, loops: 1, actualRows: 1, planRows: 1 }))
  node.actualTotalMs = 90
  return planMetrics({ format: 'json', root, planningTimeMs: null, executionTimeMs: 100, planningBuffers: null, triggers: [], jit: null, settings: {}, serverVersion: null, warnings: [], attributes: {} })
}

describe('the start view', () => {
  const panel = { width: 560, height: 590 }

  it('fits a small tree whole', () => {
    const nodes = deepChain(3)
    const view = startView(layoutPlanTree(nodes), pathTo(nodes, hottestNode(nodes)), panel.width, panel.height)
    expect(view.fits).toBe(true)
    expect(view.k).toBeGreaterThanOrEqual(minReadableScale)
  })

  it.each([6, 9, 30])('shows the hottest node of a %i-deep chain whole, at a readable scale', (depth) => {
    const nodes = deepChain(depth)
    const hottest = hottestNode(nodes)
    expect(hottest).toBe(depth - 1)
    const layout = layoutPlanTree(nodes)
    const view = startView(layout, pathTo(nodes, hottest), panel.width, panel.height)
    const card = layout.placed.find((p) => p.data.flat.id === hottest)!
    expect(view.k).toBeGreaterThanOrEqual(minReadableScale)
    expect(view.x + card.x * view.k).toBeGreaterThanOrEqual(0)
    expect(view.y + card.y * view.k).toBeGreaterThanOrEqual(0)
    expect(view.x + (card.x + cardWidth) * view.k).toBeLessThanOrEqual(panel.width)
    expect(view.y + (card.y + cardHeight) * view.k).toBeLessThanOrEqual(panel.height)
  })

  it('grows with the text size the user chose (A+)', () => {
    const nodes = deepChain(9)
    const layout = layoutPlanTree(nodes)
    const path = pathTo(nodes, hottestNode(nodes))
    expect(startView(layout, path, panel.width, panel.height, 1.3).k).toBeCloseTo(startView(layout, path, panel.width, panel.height, 1).k * 1.3, 5)
  })
})
