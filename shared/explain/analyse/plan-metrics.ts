/**
 * Derived figures per node: inclusive and exclusive time, share of execution
 * time, row misestimates, exclusive buffers, rows removed, spills.
 *
 * Rules, chosen to match what PEV2 and explain.depesz.com show:
 *
 * - Inclusive time = "Actual Total Time" × loops, because PostgreSQL prints
 *   per-loop averages. Under a Gather or Gather Merge every participant runs
 *   the subtree at the same time and the loops of all of them are added up,
 *   so the product is divided by the participants: workers launched + 1 for
 *   the leader (the leader is left out for `Single Copy` gathers, and when the
 *   workers' own loops already add up to the node's loops), but never by more
 *   than the node's loops (a node that ran once, in one process, such as the
 *   scan below a Parallel Hash that the leader built alone, is not divided). This applies to
 *   the whole subtree below the Gather, parallel-aware or not: a Partial
 *   Aggregate with loops=3 ran three times side by side, not one after the
 *   other. The Gather's own InitPlans run in the leader only and are not divided.
 * - Exclusive time = own inclusive − the children's inclusive, never below 0.
 *   InitPlan and SubPlan children are subtracted once, from the node they hang
 *   under. A CTE's subplan is different: its rows are produced while the CTE
 *   Scans read them, so its time is already inside those scans. It is taken
 *   off the CTE Scans (the first scans in plan order absorb it, each at most
 *   down to 0) instead of the node the CTE hangs under, so it counts once.
 * - Percentages are of "Execution Time" when printed, else of the root's time.
 * - Misestimate = max(actual, planned) / min(actual, planned) rows per loop,
 *   both taken as at least 1 row (the planner never estimates fewer), with
 *   'under' when more rows came than planned and 'over' when fewer.
 * - Buffers follow the same subtraction as time (counts are totals over all
 *   loops and workers, so nothing is divided).
 * - Per-loop times are printed to 0.001 ms, so a child with thousands of
 *   loops can add up to more than its parent; the parent's exclusive time is
 *   then 0, and the exclusive times add up to a little more than the total.
 */
import type { ExplainPlan, NodeBuffers, PlanNode } from '../model/plan-model'
import { buffersOfCounters, counterCount, noBuffers, writeCounters } from './buffer-counters'

export type MisestimateDirection = 'under' | 'over' | 'exact'

export interface Misestimate {
  /** ≥ 1: how many times more (or fewer) rows came than were planned. */
  factor: number
  direction: MisestimateDirection
}

export interface FlatNode {
  /** Pre-order position, from 0 (the root). */
  id: number
  parentId: number | null
  depth: number
  node: PlanNode
  /** Processes the node's loops ran in side by side: min(workers launched + leader, loops) under a Gather, else 1. */
  parallelParticipants: number
  /** Wall-clock time of the node and everything below it, all loops (ms); null without timing. */
  inclusiveMs: number | null
  /** inclusiveMs minus the children's (ms), never negative. */
  exclusiveMs: number | null
  inclusivePercent: number | null
  exclusivePercent: number | null
  /** Rows over all loops (actual rows per loop × loops). */
  actualRowsTotal: number | null
  misestimate: Misestimate | null
  /** Own buffers minus the children's, per kind; null when the plan has no buffer counts. */
  exclusiveBuffers: NodeBuffers | null
  /** Rows removed by Filter, Join Filter and index recheck, per loop. */
  rowsRemoved: number | null
  /** rowsRemoved / (rowsRemoved + rows returned) × 100. */
  rowsRemovedPercent: number | null
  /** A sort or hash that went to disk, or a hash that needed more than one batch. */
  spilled: boolean
  spillReason: string | null
}

const isGather = (node: PlanNode) => node.nodeType === 'Gather' || node.nodeType === 'Gather Merge'
const isSubplan = (node: PlanNode) => node.parentRelationship === 'InitPlan' || node.parentRelationship === 'SubPlan'
const cteOf = (node: PlanNode) => (node.subplanName?.startsWith('CTE ') ? node.subplanName.slice(4).trim() : null)

/** Participants running the subtree below a Gather. */
function participantsBelow(gather: PlanNode): number {
  const launched = gather.workersLaunched ?? gather.workersPlanned ?? 0
  if (gather.attributes['Single Copy'] === true) return Math.max(1, launched)
  const child = gather.children.find((c) => !isSubplan(c))
  if (child && child.loops !== null && child.workers.length > 0 && child.workers.length === launched) {
    const workerLoops = child.workers.reduce((sum, w) => sum + (w.loops ?? 0), 0)
    if (workerLoops >= child.loops && launched > 0) return launched
  }
  return launched + 1
}

export function misestimateOf(node: PlanNode): Misestimate | null {
  if (node.actualRows === null || node.planRows === null || node.loops === 0) return null
  const actual = Math.max(node.actualRows, 1)
  const planned = Math.max(node.planRows, 1)
  const factor = Math.max(actual, planned) / Math.min(actual, planned)
  return { factor, direction: actual > planned ? 'under' : actual < planned ? 'over' : 'exact' }
}

function spillOf(node: PlanNode): string | null {
  if (node.sortSpaceType === 'Disk' || node.sortMethod?.includes('external')) return `sort on disk (${node.sortMethod ?? 'external'})`
  if (node.hashBatches !== null && node.hashBatches > 1) return `${node.hashBatches} hash batches`
  if (node.diskUsageKb !== null && node.diskUsageKb > 0) return `${node.diskUsageKb} kB on disk`
  for (const worker of node.workers) {
    if (worker.attributes['Sort Space Type'] === 'Disk') return `sort on disk in worker ${worker.workerNumber}`
    const batches = worker.attributes['HashAgg Batches'] ?? worker.attributes['Hash Batches']
    if (typeof batches === 'number' && batches > 1) return `${batches} hash batches in worker ${worker.workerNumber}`
  }
  return null
}

function rowsRemovedOf(node: PlanNode): number | null {
  const { rowsRemovedByFilter: filter, rowsRemovedByJoinFilter: join, rowsRemovedByIndexRecheck: recheck } = node
  if (filter === null && join === null && recheck === null) return null
  return (filter ?? 0) + (join ?? 0) + (recheck ?? 0)
}

/**
 * A node's entry with the figures it has on its own; what needs its children
 * (exclusive time and buffers, shares) starts empty.
 */
export function flatNode(id: number, parentId: number | null, depth: number, node: PlanNode, parallelParticipants: number, inclusiveMs: number | null): FlatNode {
  const loops = node.loops
  const rowsRemoved = rowsRemovedOf(node)
  const spillReason = spillOf(node)
  return {
    id,
    parentId,
    depth,
    node,
    parallelParticipants,
    inclusiveMs,
    exclusiveMs: null,
    inclusivePercent: null,
    exclusivePercent: null,
    actualRowsTotal: node.actualRows !== null && loops !== null ? node.actualRows * loops : null,
    misestimate: misestimateOf(node),
    exclusiveBuffers: null,
    rowsRemoved,
    rowsRemovedPercent:
      rowsRemoved !== null && node.actualRows !== null && rowsRemoved + node.actualRows > 0 ? (rowsRemoved / (rowsRemoved + node.actualRows)) * 100 : null,
    spilled: spillReason !== null,
    spillReason
  }
}

/**
 * Every node's metrics, in pre-order. One walk down builds the list (and who
 * runs in parallel), one walk back up (reverse pre-order visits children
 * before parents) adds each node's time and buffers to its parent's, and one
 * last pass subtracts: linear, with no per-node lists of children.
 */
export function planMetrics(plan: ExplainPlan): FlatNode[] {
  const walk = walkDown(plan.root)
  const flat = walk.flat
  const ctes = findCtes(flat)
  const own = walk.anyBuffers ? ownCounters(flat) : null
  const taken = walkUp(flat, own, ctes.absorbedByScans)
  subtractChildren(flat, own, taken)
  takeCtesOffScans(flat, ctes)
  addPercentages(flat, plan.executionTimeMs ?? flat[0]?.inclusiveMs ?? null)
  return flat
}

/** The walk down: the nodes in pre-order with their own figures, and who runs side by side under a Gather. */
function walkDown(root: PlanNode): { flat: FlatNode[]; anyBuffers: boolean } {
  const flat: FlatNode[] = []
  // Parallel stacks rather than an object per pending node.
  const stackNodes: PlanNode[] = [root]
  const stackParents: number[] = [-1]
  const stackDepths: number[] = [0]
  const stackParticipants: number[] = [1]
  let anyBuffers = false
  while (stackNodes.length) {
    const node = stackNodes.pop()!
    const parent = stackParents.pop()!
    const depth = stackDepths.pop()!
    const participants = stackParticipants.pop()!
    const id = flat.length
    if (node.buffers) anyBuffers = true
    // A node that ran fewer times than there were participants (a hash built by the leader alone) did not overlap with itself.
    const loops = node.loops
    const divisor = Math.max(1, Math.min(participants, loops ?? 1))
    const inclusiveMs = loops === 0 ? 0 : node.actualTotalMs !== null && loops !== null ? (node.actualTotalMs * loops) / divisor : null
    flat.push(flatNode(id, parent === -1 ? null : parent, depth, node, divisor, inclusiveMs))
    const children = node.children
    if (children.length === 0) continue
    const gather = isGather(node)
    const below = gather ? participantsBelow(node) : participants
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!
      stackNodes.push(child)
      stackParents.push(id)
      stackDepths.push(depth + 1)
      stackParticipants.push(gather && isSubplan(child) ? participants : below)
    }
  }
  return { flat, anyBuffers }
}

interface Ctes {
  /** Per CTE name, the ids of its subplans and of the CTE Scans reading it. */
  subplans: Map<string, number[]>
  scans: Map<string, number[]>
  /** 1 for a CTE subplan whose time shows inside CTE Scans: subtracted from those scans instead of the parent. */
  absorbedByScans: Uint8Array
}

function findCtes(flat: FlatNode[]): Ctes {
  const subplans = new Map<string, number[]>()
  const scans = new Map<string, number[]>()
  for (const item of flat) {
    const node = item.node
    if (node.subplanName !== null && node.parentRelationship === 'InitPlan') {
      const cte = cteOf(node)
      if (cte !== null) (subplans.get(cte) ?? subplans.set(cte, []).get(cte)!).push(item.id)
    }
    if (node.cteName !== null && node.nodeType === 'CTE Scan') (scans.get(node.cteName) ?? scans.set(node.cteName, []).get(node.cteName)!).push(item.id)
  }
  const absorbedByScans = new Uint8Array(flat.length)
  for (const [name, ids] of subplans) if (scans.has(name)) for (const id of ids) absorbedByScans[id] = 1
  return { subplans, scans, absorbedByScans }
}

/** Each node's own buffer counts, from which the walk up takes its children's. */
function ownCounters(flat: FlatNode[]): Float64Array {
  const count = flat.length
  const own = new Float64Array(count * counterCount)
  for (let id = 0; id < count; id++) {
    const buffers = flat[id]!.node.buffers
    if (buffers) writeCounters(own, id * counterCount, buffers)
  }
  return own
}

interface TakenFromChildren {
  /** The children's inclusive time per node (NaN once a child is untimed). */
  childrenMs: Float64Array
  /** 1 for a node some child's buffers were taken from. */
  lostBuffers: Uint8Array
}

/** The walk up: each node's time and buffers, taken into its parent (the buffers straight off the parent's `own` slot). */
function walkUp(flat: FlatNode[], own: Float64Array | null, absorbedByScans: Uint8Array): TakenFromChildren {
  const count = flat.length
  const childrenMs = new Float64Array(count)
  const childCounts = new Float64Array(counterCount)
  const lostBuffers = new Uint8Array(count)
  for (let id = count - 1; id > 0; id--) {
    const item = flat[id]!
    const parentId = item.parentId!
    if (absorbedByScans[id] === 1) continue
    childrenMs[parentId] = childrenMs[parentId]! + (item.inclusiveMs ?? Number.NaN)
    const buffers = item.node.buffers
    if (own && buffers) {
      // The child's counts as printed (its own slot may already have lost its children's).
      writeCounters(childCounts, 0, buffers)
      const to = parentId * counterCount
      for (let k = 0; k < counterCount; k++) own[to + k] = own[to + k]! - childCounts[k]!
      lostBuffers[parentId] = 1
    }
  }
  return { childrenMs, lostBuffers }
}

/** Exclusive time and buffers: own minus the children's, never below zero. */
function subtractChildren(flat: FlatNode[], own: Float64Array | null, taken: TakenFromChildren): void {
  const { childrenMs, lostBuffers } = taken
  for (let id = 0; id < flat.length; id++) {
    const item = flat[id]!
    if (item.inclusiveMs !== null && !Number.isNaN(childrenMs[id]!)) item.exclusiveMs = Math.max(0, item.inclusiveMs - childrenMs[id]!)
    if (own) {
      const at = id * counterCount
      // Counts never go below zero: what the children read is at most what the node read.
      let clamped = false
      for (let k = at; k < at + counterCount; k++) {
        if (own[k]! < 0) {
          own[k] = 0
          clamped = true
        }
      }
      // Nothing taken off (a leaf, mostly): the node's own buffers are its exclusive ones, shared rather than copied.
      const buffers = item.node.buffers
      item.exclusiveBuffers = lostBuffers[id] === 0 && !clamped ? (buffers ?? noBuffers) : buffersOfCounters(own, at)
    }
  }
}

/** Each CTE's time and buffers, taken off its scans in plan order. */
function takeCtesOffScans(flat: FlatNode[], ctes: Ctes): void {
  for (const [name, subplanIds] of ctes.subplans) {
    const scans = ctes.scans.get(name)
    if (!scans) continue
    let remainingMs = subplanIds.reduce((sum, id) => sum + (flat[id]!.inclusiveMs ?? 0), 0)
    const remaining = new Float64Array(counterCount)
    const counters = new Float64Array(counterCount)
    for (const id of subplanIds) {
      const buffers = flat[id]!.node.buffers
      if (!buffers) continue
      writeCounters(counters, 0, buffers)
      for (let k = 0; k < counterCount; k++) remaining[k] = remaining[k]! + counters[k]!
    }
    for (const scanId of scans) {
      const scan = flat[scanId]!
      if (scan.exclusiveMs !== null) {
        const taken = Math.min(remainingMs, scan.exclusiveMs)
        scan.exclusiveMs -= taken
        remainingMs -= taken
      }
      if (scan.exclusiveBuffers) {
        // What the scan could absorb is no longer left for the next scan.
        writeCounters(counters, 0, scan.exclusiveBuffers)
        for (let k = 0; k < counterCount; k++) {
          const taken = Math.min(Math.max(0, remaining[k]!), counters[k]!)
          counters[k] = counters[k]! - taken
          remaining[k] = remaining[k]! - taken
        }
        scan.exclusiveBuffers = buffersOfCounters(counters, 0)
      }
    }
  }
}

/** Shares of `base`: "Execution Time" when printed, else the root's time. */
function addPercentages(flat: FlatNode[], base: number | null): void {
  if (base === null || !(base > 0)) return
  for (const item of flat) {
    if (item.inclusiveMs !== null) item.inclusivePercent = (item.inclusiveMs / base) * 100
    if (item.exclusiveMs !== null) item.exclusivePercent = (item.exclusiveMs / base) * 100
  }
}
