import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeExplanations } from '@shared/explain/analyse/node-explanations'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'

describe('node explanations', () => {
  it('explain every node type that appears in the plans captured from real servers', () => {
    const dir = path.resolve(__dirname, '..', '..', 'fixtures', 'plans')
    const seen = new Set<string>()
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const parsed = parsePlan(readFileSync(path.join(dir, file), 'utf8'))
      if (parsed.ok) for (const f of planMetrics(parsed.plan)) seen.add(f.node.nodeType)
    }
    const missing = [...seen].filter((type) => !nodeExplanations[type])
    expect(seen.size).toBeGreaterThan(15)
    expect(missing).toEqual([])
  })
})
