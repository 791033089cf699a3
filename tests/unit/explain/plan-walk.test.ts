import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { executionOrder, revealedIds, startReveal, stopReveal, walkEnd, walkPosition, walkStep, showingEverything } from '@shared/explain/analyse/plan-walk'

function fixture(name: string): FlatNode[] {
  const parsed = parsePlan(readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'plans', name), 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return planMetrics(parsed.plan)
}

/** "Seq Scan customers" for each id of a walk, so a failure reads like the plan. */
const describeOrder = (nodes: FlatNode[], order: number[]) => order.map((id) => [nodes[id]!.node.nodeType, nodes[id]!.node.alias ?? nodes[id]!.node.relation].filter(Boolean).join(' '))

describe('execution order of a plan', () => {
  it('a hash join builds its hash table first: the inner scan, the Hash, then the outer scan, then the join', () => {
    const nodes = fixture('pg14-hash-join.txt')
    expect(describeOrder(nodes, executionOrder(nodes))).toEqual(['Seq Scan c', 'Hash', 'Seq Scan o', 'Hash Join'])
  })

  it('an InitPlan runs before the scans of the node that uses its value', () => {
    const nodes = fixture('pg14-initplan.txt')
    expect(describeOrder(nodes, executionOrder(nodes))).toEqual(['Seq Scan orders_1', 'Aggregate', 'Bitmap Index Scan', 'Bitmap Heap Scan orders'])
  })

  it('every node comes after all of its children, and each node comes exactly once, on every captured plan', () => {
    for (const name of ['pg18-parallel-hash-join.json', 'pg18-recursive-cte.json', 'pg18-union-append.json', 'pg18-subplan.json', 'pg18-merge-join.json']) {
      const nodes = fixture(name)
      const order = executionOrder(nodes)
      expect(order.slice().sort((a, b) => a - b), name).toEqual(nodes.map((n) => n.id))
      const at = new Map(order.map((id, index) => [id, index]))
      for (const n of nodes) if (n.parentId !== null) expect(at.get(n.id)!, `${name}: node ${n.id} before its parent`).toBeLessThan(at.get(n.parentId)!)
      // Leaves first: the first node shown has nothing below it.
      expect(nodes.some((n) => n.parentId === order[0]), `${name}: first node is a leaf`).toBe(false)
    }
  })

  it('a folded subtree is walked as its top node only, and a plan ten thousand levels deep does not overflow', () => {
    const nodes = fixture('pg14-hash-join.txt')
    // The Hash's scan is hidden (its parent folded): only what is on screen is listed.
    const onScreen = nodes.filter((n) => n.parentId !== 2)
    expect(describeOrder(nodes, executionOrder(onScreen))).toEqual(['Hash', 'Seq Scan o', 'Hash Join'])
    const deep = Array.from({ length: 10_000 }, (_, id) => ({ id, parentId: id === 0 ? null : id - 1, node: { nodeType: 'Limit', parentRelationship: 'Outer' } }))
    const order = executionOrder(deep)
    expect(order[0]).toBe(9_999)
    expect(order.at(-1)).toBe(0)
  })
})

describe('the step reveal', () => {
  const order = [3, 2, 1, 0]

  it('starts with the first node to run alone on screen, and each step forward shows and explains one more node', () => {
    let step = startReveal(order)
    expect(step.selectedId).toBe(3)
    expect([...revealedIds(order, step.walk)!]).toEqual([3])
    step = walkStep(order, step.walk, step.selectedId, 1)
    step = walkStep(order, step.walk, step.selectedId, 1)
    expect(step.selectedId).toBe(1)
    expect([...revealedIds(order, step.walk)!]).toEqual([3, 2, 1])
    expect(walkPosition(order, step.selectedId)).toEqual({ step: 3, of: 4 })
  })

  it('stops at both ends: back never hides the last node, forward never goes past the root', () => {
    let step = startReveal(order)
    step = walkStep(order, step.walk, step.selectedId, -1)
    expect(revealedIds(order, step.walk)!.size).toBe(1)
    step = walkEnd(order, step.walk, 'last')
    step = walkStep(order, step.walk, step.selectedId, 1)
    expect(step.selectedId).toBe(0)
    expect(revealedIds(order, step.walk)!.size).toBe(4)
    step = walkStep(order, step.walk, step.selectedId, -1)
    expect(step.selectedId).toBe(1)
    expect(revealedIds(order, step.walk)!.has(0)).toBe(false)
  })

  it('without the reveal every node is shown and the keys move the selection along the execution order', () => {
    expect(revealedIds(order, showingEverything)).toBeNull()
    expect(walkStep(order, showingEverything, null, 1).selectedId).toBe(3)
    expect(walkStep(order, showingEverything, 2, 1).selectedId).toBe(1)
    expect(walkStep(order, showingEverything, 2, -1).selectedId).toBe(3)
    expect(walkStep(order, showingEverything, 0, 1).selectedId).toBe(0)
    // Leaving the reveal keeps the node being explained.
    expect(stopReveal(2)).toEqual({ walk: showingEverything, selectedId: 2 })
  })
})
