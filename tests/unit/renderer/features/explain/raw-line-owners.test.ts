/** The raw view's line → node map: the deepest node holding each line, on every captured plan, in linear time. */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { rawLineOwners } from '../../../../../renderer/src/features/explain/raw-line-owners'
import { fixturePairs } from '../../../explain/support/fixtures'

/** The obvious way: every node paints its range, deeper nodes last. */
function naiveOwners(nodes: FlatNode[], lineCount: number): number[] {
  const owners = new Array<number>(lineCount).fill(-1)
  for (const f of [...nodes].sort((a, b) => a.depth - b.depth || a.id - b.id)) {
    const range = f.node.sourceLines
    if (range) for (let line = range[0]; line <= range[1]; line++) owners[line - 1] = f.id
  }
  return owners
}

describe('raw view line owners', () => {
  it('match the deepest node holding each line, in text and JSON captures', () => {
    for (const { name, json, text } of fixturePairs()) {
      for (const source of [json, text]) {
        const parsed = parsePlan(source)
        if (!parsed.ok) throw new Error(name)
        const nodes = planMetrics(parsed.plan)
        const lineCount = source.split('\n').length
        const owners = [...rawLineOwners(nodes, lineCount)]
        expect(owners, name).toEqual(naiveOwners(nodes, lineCount))
        expect(new Set(owners.filter((id) => id >= 0)).size, name).toBe(nodes.length)
      }
    }
  })

  it('map a 2,000-level-deep plan without touching each line once per level', () => {
    const lines: string[] = []
    for (let depth = 0; depth < 2000; depth++) lines.push(`${' '.repeat(depth * 6)}${depth ? '->  ' : ''}Limit  (cost=0.00..1.00 rows=1 width=4)`)
    const parsed = parsePlan(lines.join('\n'))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const nodes = planMetrics(parsed.plan)
    const owners = rawLineOwners(nodes, lines.length)
    expect(owners[0]).toBe(0)
    expect(owners[1999]).toBe(1999)
    expect(new Set(owners).size).toBe(2000)
  })
})
