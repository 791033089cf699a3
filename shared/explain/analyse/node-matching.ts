/**
 * Which node of plan A is which node of plan B (see plan-compare.ts for the
 * rules, from the surest evidence to the loosest). Pure.
 */
import type { FlatNode } from './plan-metrics'
import type { PlanNode } from '../model/plan-model'

/** What makes two nodes "the same node" on the same path. */
function label(node: PlanNode): string {
  return [node.nodeType, node.schema, node.relation, node.alias, node.indexName, node.cteName, node.subplanName].map((part) => part ?? '').join('|')
}

/** Node types that can stand in for one another at the same place in a plan. */
function family(nodeType: string): string {
  if (nodeType.endsWith('Scan')) return 'scan'
  switch (nodeType) {
    case 'Nested Loop':
    case 'Hash Join':
    case 'Merge Join':
      return 'join'
    case 'Aggregate':
    case 'Group':
    case 'Unique':
    case 'SetOp':
    case 'WindowAgg':
      return 'aggregate'
    case 'Sort':
    case 'Incremental Sort':
      return 'sort'
    case 'Gather':
    case 'Gather Merge':
      return 'gather'
    case 'Append':
    case 'Merge Append':
      return 'append'
    case 'Materialize':
    case 'Memoize':
      return 'materialize'
    case 'BitmapAnd':
    case 'BitmapOr':
      return 'bitmap'
    default:
      return nodeType
  }
}

/** Identity keys, tried one kind after the other (null: the node has none of that kind). */
const identityKeys: Array<(node: PlanNode) => string | null> = [
  (n) => (n.relation !== null ? `${n.schema ?? ''}.${n.relation}|${n.alias ?? ''}` : null),
  (n) => n.relation,
  (n) => n.indexName,
  (n) => n.cteName,
  (n) => n.subplanName
]

function childLists(nodes: FlatNode[]): number[][] {
  const lists: number[][] = nodes.map(() => [])
  for (const f of nodes) if (f.parentId !== null) lists[f.parentId]!.push(f.id)
  return lists
}

/** Pairs the i-th unmatched item of each group on one side with the i-th of the same group on the other. */
function pairByKey(xs: number[], ys: number[], keyX: (id: number) => string | null, keyY: (id: number) => string | null, pair: (x: number, y: number) => void): number {
  const waiting = new Map<string, { ids: number[]; next: number }>()
  for (const y of ys) {
    const key = keyY(y)
    if (key === null) continue
    const queue = waiting.get(key)
    if (queue) queue.ids.push(y)
    else waiting.set(key, { ids: [y], next: 0 })
  }
  let made = 0
  for (const x of xs) {
    const key = keyX(x)
    if (key === null) continue
    const queue = waiting.get(key)
    if (!queue || queue.next === queue.ids.length) continue
    pair(x, queue.ids[queue.next++]!)
    made++
  }
  return made
}

export function matchNodes(a: FlatNode[], b: FlatNode[]): { aToB: Int32Array; bToA: Int32Array } {
  const aToB = new Int32Array(a.length).fill(-1)
  const bToA = new Int32Array(b.length).fill(-1)
  const childrenA = childLists(a)
  const childrenB = childLists(b)
  const labelA = a.map((f) => label(f.node))
  const labelB = b.map((f) => label(f.node))
  const familyA = a.map((f) => family(f.node.nodeType))
  const familyB = b.map((f) => family(f.node.nodeType))
  const pair = (x: number, y: number) => {
    aToB[x] = y
    bToA[y] = x
  }
  const freeA = (ids: number[]) => ids.filter((id) => aToB[id] === -1)
  const freeB = (ids: number[]) => ids.filter((id) => bToA[id] === -1)

  // Top-down in plan order, so a new pair's children are visited in the same pass.
  const down = (loose: boolean): number => {
    let made = 0
    for (let x = 0; x < a.length; x++) {
      const y = aToB[x]!
      if (y === -1) continue
      const xs = freeA(childrenA[x]!)
      if (xs.length === 0) continue
      const ys = freeB(childrenB[y]!)
      if (ys.length === 0) continue
      if (!loose) {
        made += pairByKey(xs, ys, (id) => labelA[id]!, (id) => labelB[id]!, pair)
        continue
      }
      made += pairByKey(xs, ys, (id) => a[id]!.node.nodeType, (id) => b[id]!.node.nodeType, pair)
      const placeA = (id: number) => `${familyA[id]}|${a[id]!.node.parentRelationship ?? ''}`
      const placeB = (id: number) => `${familyB[id]}|${b[id]!.node.parentRelationship ?? ''}`
      made += pairByKey(freeA(xs), freeB(ys), placeA, placeB, pair)
      made += pairByKey(freeA(xs), freeB(ys), (id) => familyA[id]!, (id) => familyB[id]!, pair)
    }
    return made
  }
  // Bottom-up (children have higher ids than their parents), so a chain of parents pairs in one pass.
  const up = (loose: boolean): number => {
    let made = 0
    for (let x = a.length - 1; x >= 0; x--) {
      const y = aToB[x]!
      if (y === -1) continue
      const px = a[x]!.parentId
      const py = b[y]!.parentId
      if (px === null || py === null || aToB[px] !== -1 || bToA[py] !== -1) continue
      if (loose ? familyA[px] !== familyB[py] : labelA[px] !== labelB[py]) continue
      pair(px, py)
      made++
    }
    return made
  }
  const settle = () => {
    while (down(false) + up(false) > 0) {
      // Until no pair brings another.
    }
  }

  if (a.length === 0 || b.length === 0) return { aToB, bToA }
  if (labelA[0] === labelB[0]) pair(0, 0)
  settle()
  for (const keyOf of identityKeys) {
    const key = (nodes: FlatNode[], families: string[]) => (id: number) => {
      const k = keyOf(nodes[id]!.node)
      return k === null ? null : `${families[id]}|${k}`
    }
    const made = pairByKey(freeA(a.map((f) => f.id)), freeB(b.map((f) => f.id)), key(a, familyA), key(b, familyB), pair)
    if (made > 0) settle()
  }
  if (aToB[0] === -1 && bToA[0] === -1 && familyA[0] === familyB[0]) {
    pair(0, 0)
    settle()
  }
  for (;;) {
    let made = down(true)
    if (made === 0) made = up(true)
    if (made === 0) break
    settle()
  }
  return { aToB, bToA }
}
