import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { explainNode, nodeExplanations } from '@shared/explain/analyse/node-explanations'
import { knownNodeTypes } from '@shared/explain/model/plan-model'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'

function capturedNodes(): FlatNode[] {
  const dir = path.resolve(__dirname, '..', '..', 'fixtures', 'plans')
  const nodes: FlatNode[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.txt'))) {
    const parsed = parsePlan(readFileSync(path.join(dir, file), 'utf8'))
    if (parsed.ok) nodes.push(...planMetrics(parsed.plan))
  }
  return nodes
}

describe('node explanations', () => {
  it('explain every node type that appears in the plans captured from real servers', () => {
    const seen = new Set(capturedNodes().map((f) => f.node.nodeType))
    const missing = [...seen].filter((type) => !nodeExplanations[type])
    expect(seen.size).toBeGreaterThan(15)
    expect(missing).toEqual([])
  })

  it('explain every node type PostgreSQL 12–18 prints, each in full sentences', () => {
    const missing = [...knownNodeTypes].filter((type) => !nodeExplanations[type])
    expect(missing).toEqual([])
    for (const [type, { what, when }] of Object.entries(nodeExplanations)) {
      expect(what.length, `${type}: what`).toBeGreaterThan(20)
      expect(when.length, `${type}: when`).toBeGreaterThan(10)
      expect(what.endsWith('.') && when.endsWith('.'), `${type} ends its sentences`).toBe(true)
    }
  })

  it('say what the variant changes: an anti join, a hashed aggregate, a parallel scan, a backward index scan', () => {
    const byTitle = (match: (f: FlatNode) => boolean) => {
      const found = capturedNodes().find(match)
      expect(found).toBeDefined()
      return explainNode(found!.node)!
    }
    expect(byTitle((f) => f.node.nodeType === 'Hash Join' && f.node.joinType === 'Anti').notes.join(' ')).toContain('NOT EXISTS')
    expect(byTitle((f) => f.node.nodeType === 'Aggregate' && f.node.strategy === 'Hashed').notes.join(' ')).toContain('hash table')
    expect(byTitle((f) => f.node.nodeType === 'Seq Scan' && f.node.parallelAware).notes.join(' ')).toContain('several processes')
    const plain = byTitle((f) => f.node.nodeType === 'Seq Scan' && !f.node.parallelAware)
    expect(plain.notes).toEqual([])
    expect(plain.what).toContain('every row')
    expect(explainNode({ nodeType: 'Index Scan', joinType: null, strategy: null, partialMode: null, parallelAware: false, attributes: { 'Scan Direction': 'Backward' } })!.notes[0]).toContain('DESC')
    expect(explainNode({ nodeType: 'Frobnicate', joinType: null, strategy: null, partialMode: null, parallelAware: false, attributes: {} })).toBeNull()
  })
})
