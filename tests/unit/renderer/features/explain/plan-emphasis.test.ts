import { describe, expect, it } from 'vitest'
import { autoCollapsed, criticalPath, heats, visibleNodes } from '../../../../../renderer/src/features/explain/plan-emphasis'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { fixture } from '../../../explain/support/fixtures'

function nodesOf(name: string) {
  const parsed = parsePlan(fixture(name, 'json'))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return planMetrics(parsed.plan)
}

describe('plan emphasis', () => {
  const nodes = nodesOf('pg18-hash-join')

  it('gives the node with the most own time the full heat', () => {
    const h = heats(nodes, 'time')
    const hottest = nodes.reduce((a, b) => ((b.exclusiveMs ?? 0) > (a.exclusiveMs ?? 0) ? b : a))
    expect(h[hottest.id]).toBe(1)
    expect(Math.min(...h)).toBeGreaterThanOrEqual(0)
  })

  it('follows the most expensive child from the root', () => {
    const path = [...criticalPath(nodes)]
    expect(path[0]).toBe(0)
    for (let i = 1; i < path.length; i++) expect(nodes[path[i]!]!.parentId).toBe(path[i - 1])
  })

  it('folds cheap subtrees of big plans only, and hides their descendants', () => {
    expect(autoCollapsed(nodes).size).toBe(0)
    const folded = autoCollapsed(nodes, { minNodes: 1, threshold: 101 })
    expect(folded.size).toBeGreaterThan(0)
    const visible = visibleNodes(nodes, folded)
    expect(visible.length).toBeLessThan(nodes.length)
    for (const id of folded) expect(visible.some((f) => f.id === id)).toBe(true)
  })
})
