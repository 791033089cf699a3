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
import { matchNodes } from './node-matching'

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
