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
import { emptyBuffers, type BufferCounts, type ExplainPlan, type NodeBuffers, type PlanNode } from './plan-model'

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
  const parts = [node.rowsRemovedByFilter, node.rowsRemovedByJoinFilter, node.rowsRemovedByIndexRecheck]
  if (parts.every((part) => part === null)) return null
  return parts.reduce<number>((sum, part) => sum + (part ?? 0), 0)
}

function subtractBuffers(from: NodeBuffers, amount: NodeBuffers): void {
  for (const kind of ['shared', 'local', 'temp'] as const) {
    for (const op of ['hit', 'read', 'dirtied', 'written'] as const) {
      const counts: BufferCounts = from[kind]
      counts[op] = Math.max(0, counts[op] - amount[kind][op])
    }
  }
}

function addBuffers(to: NodeBuffers, amount: NodeBuffers): void {
  for (const kind of ['shared', 'local', 'temp'] as const) {
    for (const op of ['hit', 'read', 'dirtied', 'written'] as const) to[kind][op] += amount[kind][op]
  }
}

function copyBuffers(buffers: NodeBuffers | null): NodeBuffers {
  const copy = emptyBuffers()
  if (buffers) addBuffers(copy, buffers)
  return copy
}

export function planMetrics(plan: ExplainPlan): FlatNode[] {
  const flat: FlatNode[] = []
  const childIds: number[][] = []
  const stack: Array<{ node: PlanNode; parentId: number | null; depth: number; participants: number }> = [
    { node: plan.root, parentId: null, depth: 0, participants: 1 }
  ]
  let anyBuffers = false
  while (stack.length) {
    const { node, parentId, depth, participants } = stack.pop()!
    const id = flat.length
    if (parentId !== null) childIds[parentId]!.push(id)
    childIds.push([])
    if (node.buffers) anyBuffers = true
    // A node that ran fewer times than there were participants (a hash built by the leader alone) did not overlap with itself.
    const divisor = Math.max(1, Math.min(participants, node.loops ?? 1))
    const inclusiveMs = node.loops === 0 ? 0 : node.actualTotalMs !== null && node.loops !== null ? (node.actualTotalMs * node.loops) / divisor : null
    const rowsRemoved = rowsRemovedOf(node)
    const spillReason = spillOf(node)
    flat.push({
      id,
      parentId,
      depth,
      node,
      parallelParticipants: divisor,
      inclusiveMs,
      exclusiveMs: null,
      inclusivePercent: null,
      exclusivePercent: null,
      actualRowsTotal: node.actualRows !== null && node.loops !== null ? node.actualRows * node.loops : null,
      misestimate: misestimateOf(node),
      exclusiveBuffers: null,
      rowsRemoved,
      rowsRemovedPercent:
        rowsRemoved !== null && node.actualRows !== null && rowsRemoved + node.actualRows > 0 ? (rowsRemoved / (rowsRemoved + node.actualRows)) * 100 : null,
      spilled: spillReason !== null,
      spillReason
    })
    const below = isGather(node) ? participantsBelow(node) : participants
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!
      const childParticipants = isGather(node) && isSubplan(child) ? participants : below
      stack.push({ node: child, parentId: id, depth: depth + 1, participants: childParticipants })
    }
  }

  // CTE subplans whose time shows inside CTE Scans: subtracted from those scans instead of the parent.
  const cteSubplans = new Map<string, number[]>()
  const cteScans = new Map<string, number[]>()
  for (const item of flat) {
    const cte = cteOf(item.node)
    if (cte !== null && item.node.parentRelationship === 'InitPlan') (cteSubplans.get(cte) ?? cteSubplans.set(cte, []).get(cte)!).push(item.id)
    if (item.node.nodeType === 'CTE Scan' && item.node.cteName !== null) {
      ;(cteScans.get(item.node.cteName) ?? cteScans.set(item.node.cteName, []).get(item.node.cteName)!).push(item.id)
    }
  }
  const absorbedByScans = new Set<number>()
  for (const [name, ids] of cteSubplans) if (cteScans.has(name)) for (const id of ids) absorbedByScans.add(id)

  const ownChildrenMs = (id: number): number | null => {
    let sum = 0
    for (const childId of childIds[id]!) {
      if (absorbedByScans.has(childId)) continue
      const ms = flat[childId]!.inclusiveMs
      if (ms === null) return null
      sum += ms
    }
    return sum
  }
  for (const item of flat) {
    if (item.inclusiveMs === null) continue
    const children = ownChildrenMs(item.id)
    item.exclusiveMs = children === null ? null : Math.max(0, item.inclusiveMs - children)
  }
  if (anyBuffers) {
    for (const item of flat) {
      const own = copyBuffers(item.node.buffers)
      for (const childId of childIds[item.id]!) {
        if (absorbedByScans.has(childId)) continue
        const childBuffers = flat[childId]!.node.buffers
        if (childBuffers) subtractBuffers(own, childBuffers)
      }
      item.exclusiveBuffers = own
    }
  }
  // Each CTE's time and buffers, taken off its scans in plan order.
  for (const [name, subplanIds] of cteSubplans) {
    const scans = cteScans.get(name)
    if (!scans) continue
    let remainingMs = subplanIds.reduce((sum, id) => sum + (flat[id]!.inclusiveMs ?? 0), 0)
    const remainingBuffers = emptyBuffers()
    for (const id of subplanIds) {
      const buffers = flat[id]!.node.buffers
      if (buffers) addBuffers(remainingBuffers, buffers)
    }
    for (const scanId of scans) {
      const scan = flat[scanId]!
      if (scan.exclusiveMs !== null) {
        const taken = Math.min(remainingMs, scan.exclusiveMs)
        scan.exclusiveMs -= taken
        remainingMs -= taken
      }
      if (scan.exclusiveBuffers) {
        const before = copyBuffers(scan.exclusiveBuffers)
        subtractBuffers(scan.exclusiveBuffers, remainingBuffers)
        // What the scan could absorb is no longer left for the next scan.
        for (const kind of ['shared', 'local', 'temp'] as const) {
          for (const op of ['hit', 'read', 'dirtied', 'written'] as const) {
            remainingBuffers[kind][op] -= before[kind][op] - scan.exclusiveBuffers[kind][op]
          }
        }
      }
    }
  }

  const base = plan.executionTimeMs ?? flat[0]?.inclusiveMs ?? null
  if (base !== null && base > 0) {
    for (const item of flat) {
      if (item.inclusiveMs !== null) item.inclusivePercent = (item.inclusiveMs / base) * 100
      if (item.exclusiveMs !== null) item.exclusivePercent = (item.exclusiveMs / base) * 100
    }
  }
  return flat
}
