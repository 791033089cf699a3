/**
 * The plan tree is laid out exactly as d3-hierarchy's tidy tree would place
 * it (same positions, same order), for captured plans, big generated ones,
 * folded views and random shapes.
 */
import { hierarchy, tree } from 'd3'
import { describe, expect, it } from 'vitest'
import { visibleNodes } from '../../../../../renderer/src/features/explain/plan-emphasis'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { emptyNode } from '@shared/explain/model/plan-model'
import { cardHeight, cardWidth, layoutPlanTree } from '../../../../../renderer/src/features/explain/plan-tree-layout'
import { fixturePairs, parsed } from '../../../explain/support/fixtures'
import { largeJsonPlan } from '../../../explain/support/large-plans'

/** The layout as it was computed with d3 before: positions and links by node id. */
function d3Layout(nodes: FlatNode[]) {
  type Datum = { flat: FlatNode; children: Datum[] }
  const byId = new Map<number, Datum>()
  for (const flat of nodes) byId.set(flat.id, { flat, children: [] })
  for (const flat of nodes) if (flat.parentId !== null) byId.get(flat.parentId)?.children.push(byId.get(flat.id)!)
  const laidOut = tree<Datum>().nodeSize([cardWidth + 30, cardHeight + 70])(hierarchy(byId.get(0)!))
  return {
    placed: laidOut.descendants().map((p) => [p.data.flat.id, p.x, p.y]),
    links: laidOut.links().map((l) => [l.source.data.flat.id, l.target.data.flat.id])
  }
}

function ours(nodes: FlatNode[]) {
  const layout = layoutPlanTree(nodes)
  return {
    placed: layout.placed.map((p) => [p.data.flat.id, p.x, p.y]),
    links: layout.links.map((l) => [l.source.data.flat.id, l.target.data.flat.id])
  }
}

/** A random tree of `size` nodes (fixed seed), as metrics of a plan. */
function randomTree(size: number, seed: number): FlatNode[] {
  let state = seed
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const root = emptyNode('Append')
  const all = [root]
  for (let i = 1; i < size; i++) {
    // Mostly near the end (deep chains), sometimes anywhere (wide fans).
    const parent = all[random() < 0.6 ? all.length - 1 - Math.floor(random() * Math.min(5, all.length)) : Math.floor(random() * all.length)]!
    const child = emptyNode('Seq Scan')
    parent.children.push(child)
    all.push(child)
  }
  return planMetrics({ format: 'json', root, planningTimeMs: null, executionTimeMs: null, planningBuffers: null, triggers: [], jit: null, settings: {}, serverVersion: null, warnings: [], attributes: {} })
}

describe('the plan tree layout', () => {
  it.each(fixturePairs().map((pair) => [pair.name, pair.json]))('places %s as d3 does', (_name, json) => {
    const nodes = planMetrics(parsed(json))
    expect(ours(nodes)).toEqual(d3Layout(nodes))
  })

  it('places a big plan and a folded view of it as d3 does', () => {
    const nodes = planMetrics(parsed(largeJsonPlan(2 * 1024 * 1024).text))
    expect(ours(nodes)).toEqual(d3Layout(nodes))
    const folded = visibleNodes(nodes, new Set(nodes.filter((f) => f.id % 7 === 3).map((f) => f.id)))
    expect(ours(folded)).toEqual(d3Layout(folded))
  })

  it.each([1, 2, 3, 10, 200, 3000].flatMap((size) => [1, 2, 3].map((seed) => [size, seed])))('places a random tree of %i nodes (seed %i) as d3 does', (size, seed) => {
    const nodes = randomTree(size, seed)
    expect(ours(nodes)).toEqual(d3Layout(nodes))
  })

  it('measures the drawing from the cards it placed', () => {
    const nodes = randomTree(500, 9)
    const layout = layoutPlanTree(nodes)
    const xs = layout.placed.map((p) => p.x)
    expect(layout.minX).toBe(Math.min(...xs))
    expect(layout.width).toBe(Math.max(...xs) - Math.min(...xs) + cardWidth)
    expect(layout.height).toBe(Math.max(...layout.placed.map((p) => p.y)) + cardHeight)
  })
})
