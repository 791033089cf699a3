/**
 * Two plans side by side: which node of plan A is which node of plan B, and
 * what changed between them (before/after an index, a setting, a rewrite). Pure.
 *
 * Nodes are matched from the surest evidence to the loosest, each step only
 * among nodes still unmatched, and every new pair lets its neighbours match:
 *
 * 1. Same path: the roots when they have the same label (node type, relation,
 *    alias, index, subplan name), then, below every matched pair, children
 *    with the same label, in order; and upwards, two unmatched parents of a
 *    matched pair when their labels are equal.
 * 2. Identity, within a family of node types (see 3): nodes reading the same relation under the same alias, then the
 *    same relation, the same index, the same CTE, the same subplan name, in
 *    plan order. This is what pairs a Seq Scan with the Index Scan of the same
 *    table after an index was added, wherever the planner moved it.
 * 3. Position, between nodes of the same family (two scans, two joins, two
 *    aggregates, two sorts…), never a Gather with a join: the two roots;
 *    below a matched pair, unmatched children of the same node type, then of
 *    the same family hanging the same way (Outer, Inner, InitPlan…), then of
 *    the same family; last, the parents of a matched pair.
 *
 * A matched pair whose node differs (type, join type, strategy, parallelism,
 * relation, index, spilling), or that hangs under a node matched to another
 * than its old parent (a join's sides swapped), is "changed"; a node left alone is "added" (only
 * in B) or "removed" (only in A).
 */
import type { FlatNode } from './plan-metrics'
import type { ExplainPlan, PlanNode } from '../model/plan-model'

export type MatchStatus = 'same' | 'changed' | 'added' | 'removed'

/** How B compares with A on one figure: lower time, buffers and cost are better; rows and loops only differ. */
export type Verdict = 'better' | 'worse' | 'same' | 'different' | 'unknown'

export interface Delta {
  a: number | null
  b: number | null
  /** b − a. */
  change: number | null
  /** b / a (1 when both are 0); null when either is missing or only a is 0. */
  ratio: number | null
  verdict: Verdict
}

export interface NodeDeltas {
  exclusiveMs: Delta
  inclusiveMs: Delta
  /** Rows over all loops. */
  rows: Delta
  /** Rows per loop the planner expected. */
  planRows: Delta
  loops: Delta
  /** Shared buffers of the node and its children, as EXPLAIN prints them. */
  sharedHit: Delta
  sharedRead: Delta
  totalCost: Delta
}

/** One row of the side-by-side view: a matched pair, or a node of one plan only. */
export interface ComparedRow {
  /** Node id in plan A (its pre-order position), null for an added node. */
  a: number | null
  /** Node id in plan B, null for a removed node. */
  b: number | null
  status: MatchStatus
  /** What differs in the node itself: "Seq Scan → Index Scan", "using orders_customer_idx", "no longer spills". */
  changes: string[]
  /** Null unless both sides are there. */
  deltas: NodeDeltas | null
}

/** A plan's nodes (from planMetrics) and its plan-level figures. */
export interface PlanSide {
  nodes: FlatNode[]
  executionTimeMs: number | null
  planningTimeMs: number | null
}

export interface Speed {
  /** ≥ 1: how many times faster or slower B is than A. */
  factor: number
  direction: 'faster' | 'slower' | 'same'
  basis: 'execution time' | 'estimated cost'
}

export interface TotalsComparison {
  executionMs: Delta
  planningMs: Delta
  /** The whole plan's shared buffers (the root's counts). */
  sharedHit: Delta
  sharedRead: Delta
  /** Temporary blocks read and written (sorts and hashes that spilled). */
  tempBlocks: Delta
  totalCost: Delta
  /** On execution time when both plans ran, else on the estimated cost; null when neither is known. */
  speed: Speed | null
}

export interface PlanComparison {
  /** A's nodes in plan order, each with its match, and B's added nodes where B has them. */
  rows: ComparedRow[]
  /** Row index of every node of A (index = node id). */
  rowOfA: number[]
  /** Row index of every node of B (index = node id). */
  rowOfB: number[]
  totals: TotalsComparison
  counts: Record<MatchStatus, number>
}

export function planSide(plan: ExplainPlan, nodes: FlatNode[]): PlanSide {
  return { nodes, executionTimeMs: plan.executionTimeMs, planningTimeMs: plan.planningTimeMs }
}

export function comparePlans(a: PlanSide, b: PlanSide): PlanComparison {
  const { aToB, bToA } = matchNodes(a.nodes, b.nodes)
  const pairs = alignRows(a.nodes.length, b.nodes.length, aToB)
  const rowOfA: number[] = new Array<number>(a.nodes.length).fill(-1)
  const rowOfB: number[] = new Array<number>(b.nodes.length).fill(-1)
  const counts: Record<MatchStatus, number> = { same: 0, changed: 0, added: 0, removed: 0 }
  const rows = pairs.map(([x, y], index): ComparedRow => {
    if (x !== null) rowOfA[x] = index
    if (y !== null) rowOfB[y] = index
    let row: ComparedRow
    if (x === null) row = { a: null, b: y, status: 'added', changes: [], deltas: null }
    else if (y === null) row = { a: x, b: null, status: 'removed', changes: [], deltas: null }
    else {
      const changes = nodeChanges(a.nodes[x]!, b.nodes[y]!)
      const parentA = a.nodes[x]!.parentId
      const parentB = b.nodes[y]!.parentId
      // Both parents have a match, but not each other: the planner hung the node elsewhere (a join's sides swapped).
      if (parentA !== null && parentB !== null && aToB[parentA] !== -1 && bToA[parentB] !== -1 && aToB[parentA] !== parentB) {
        const kind = nodeKind(b.nodes[parentB]!.node)
        changes.push(kind === nodeKind(a.nodes[parentA]!.node) ? `moved to another ${kind}` : `moved under ${kind}`)
      }
      row = { a: x, b: y, status: changes.length > 0 ? 'changed' : 'same', changes, deltas: nodeDeltas(a.nodes[x]!, b.nodes[y]!) }
    }
    counts[row.status]++
    return row
  })
  return { rows, rowOfA, rowOfB, totals: compareTotals(a, b), counts }
}

// ─── Matching ────────────────────────────────────────────────────────────────

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

/**
 * Rows for the side-by-side view: A's nodes in plan order (matched or removed),
 * each of B's added nodes just before the first matched B node that follows it
 * in B's order, so B reads in its own order as well wherever the matches allow.
 */
function alignRows(aCount: number, bCount: number, aToB: Int32Array): Array<[number | null, number | null]> {
  const rows: Array<[number | null, number | null]> = []
  const matchedB = new Uint8Array(bCount)
  for (let x = 0; x < aCount; x++) if (aToB[x]! !== -1) matchedB[aToB[x]!] = 1
  let nextB = 0
  const addedUpTo = (limit: number) => {
    for (; nextB < limit; nextB++) if (!matchedB[nextB]) rows.push([null, nextB])
  }
  for (let x = 0; x < aCount; x++) {
    const y = aToB[x]!
    if (y === -1) {
      rows.push([x, null])
      continue
    }
    addedUpTo(y)
    rows.push([x, y])
  }
  addedUpTo(bCount)
  return rows
}

// ─── What changed ────────────────────────────────────────────────────────────

/** "Parallel Seq Scan", "Finalize Aggregate (Hashed)", "Hash Join (Left)". */
export function nodeKind(node: PlanNode): string {
  const mode = node.partialMode && node.partialMode !== 'Simple' ? `${node.partialMode} ` : ''
  const parallel = node.parallelAware ? 'Parallel ' : ''
  const strategy = node.strategy && node.strategy !== 'Plain' ? ` (${node.strategy})` : ''
  const join = node.joinType && node.joinType !== 'Inner' ? ` (${node.joinType})` : ''
  return `${mode}${parallel}${node.nodeType}${strategy}${join}`
}

function nodeChanges(fa: FlatNode, fb: FlatNode): string[] {
  const x = fa.node
  const y = fb.node
  const changes: string[] = []
  if (nodeKind(x) !== nodeKind(y)) changes.push(`${nodeKind(x)} → ${nodeKind(y)}`)
  if (x.relation !== null && y.relation !== null && x.relation !== y.relation) changes.push(`on ${x.relation} → ${y.relation}`)
  if (x.indexName !== y.indexName) {
    if (x.indexName === null) changes.push(`using ${y.indexName}`)
    else if (y.indexName === null) changes.push(`no longer using ${x.indexName}`)
    else changes.push(`index ${x.indexName} → ${y.indexName}`)
  }
  if (fa.spilled !== fb.spilled) changes.push(fb.spilled ? `now spills: ${fb.spillReason}` : 'no longer spills')
  if (x.neverExecuted !== y.neverExecuted) changes.push(y.neverExecuted ? 'never executed now' : 'executed now')
  return changes
}

// ─── Deltas ──────────────────────────────────────────────────────────────────

type Kind = 'time' | 'count' | 'cost' | 'neutral'

/** Below this, two timings of the same work are taken as equal: runs never time alike. */
const timeNoise = { relative: 0.1, absoluteMs: 0.05 }

export function delta(a: number | null, b: number | null, kind: Kind): Delta {
  if (a === null || b === null) return { a, b, change: null, ratio: null, verdict: 'unknown' }
  const change = b - a
  const ratio = a !== 0 ? b / a : b === 0 ? 1 : null
  const larger = Math.max(Math.abs(a), Math.abs(b))
  const tolerance =
    kind === 'time' ? Math.max(timeNoise.absoluteMs, timeNoise.relative * larger) : kind === 'count' ? 0.05 * larger : kind === 'cost' ? 0.01 * larger : 1e-9 * larger
  const verdict: Verdict = Math.abs(change) <= tolerance ? 'same' : kind === 'neutral' ? 'different' : change < 0 ? 'better' : 'worse'
  return { a, b, change, ratio, verdict }
}

export type NodeFigure = keyof NodeDeltas

/** The figures a comparison looks at, for one node. */
export function nodeFigures(f: FlatNode): Record<NodeFigure, number | null> {
  const n = f.node
  return {
    exclusiveMs: f.exclusiveMs,
    inclusiveMs: f.inclusiveMs,
    rows: f.actualRowsTotal,
    planRows: n.planRows,
    loops: n.loops,
    sharedHit: n.buffers?.shared.hit ?? null,
    sharedRead: n.buffers?.shared.read ?? null,
    totalCost: n.totalCost
  }
}

const figureKinds: Record<NodeFigure, Kind> = {
  exclusiveMs: 'time',
  inclusiveMs: 'time',
  rows: 'neutral',
  planRows: 'neutral',
  loops: 'neutral',
  sharedHit: 'count',
  sharedRead: 'count',
  totalCost: 'cost'
}

function nodeDeltas(fa: FlatNode, fb: FlatNode): NodeDeltas {
  const x = nodeFigures(fa)
  const y = nodeFigures(fb)
  const deltas = {} as NodeDeltas
  for (const key of Object.keys(figureKinds) as NodeFigure[]) deltas[key] = delta(x[key], y[key], figureKinds[key])
  return deltas
}

function compareTotals(a: PlanSide, b: PlanSide): TotalsComparison {
  const rootA = a.nodes[0]?.node ?? null
  const rootB = b.nodes[0]?.node ?? null
  const temp = (node: PlanNode | null) => (node?.buffers ? node.buffers.temp.read + node.buffers.temp.written : null)
  const executionMs = delta(a.executionTimeMs, b.executionTimeMs, 'time')
  const totalCost = delta(rootA?.totalCost ?? null, rootB?.totalCost ?? null, 'cost')
  return {
    executionMs,
    planningMs: delta(a.planningTimeMs, b.planningTimeMs, 'time'),
    sharedHit: delta(rootA?.buffers?.shared.hit ?? null, rootB?.buffers?.shared.hit ?? null, 'count'),
    sharedRead: delta(rootA?.buffers?.shared.read ?? null, rootB?.buffers?.shared.read ?? null, 'count'),
    tempBlocks: delta(temp(rootA), temp(rootB), 'count'),
    totalCost,
    speed: speedOf(executionMs, 'execution time') ?? speedOf(totalCost, 'estimated cost')
  }
}

function speedOf(d: Delta, basis: Speed['basis']): Speed | null {
  if (d.a === null || d.b === null || d.a <= 0 || d.b <= 0) return null
  const factor = Math.max(d.a, d.b) / Math.min(d.a, d.b)
  return { factor, direction: d.verdict === 'same' ? 'same' : d.b < d.a ? 'faster' : 'slower', basis }
}
