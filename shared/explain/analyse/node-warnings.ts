/**
 * What looks wrong on a node, in words a reader acts on: the details panel,
 * the badges on the tree's cards and the CLI summary say the same things,
 * from these rules.
 */
import type { FlatNode } from './plan-metrics'

export type NodeWarningKind = 'spill' | 'misestimate' | 'rows-removed' | 'heap-fetches' | 'lossy-bitmap' | 'workers-short'

/** `high`: likely the reason the plan is slow; `medium`: worth a look. */
export type WarningSeverity = 'high' | 'medium'

export interface NodeWarning {
  kind: NodeWarningKind
  severity: WarningSeverity
  /** A few words for a badge on the node's card: "100 % of rows thrown away". */
  badge: string
  message: string
}

/** An estimate this far off usually changes the plan the planner picks. */
export const misestimateWarnFactor = 10
/** …and this far off, it almost surely did. */
const misestimateHighFactor = 100
/** A filter that throws away most rows read, on enough rows to matter. */
const rowsRemovedWarnPercent = 50
const rowsRemovedHighPercent = 90
const rowsRemovedWarnMinimum = 100

const severityOrder: Record<WarningSeverity, number> = { high: 0, medium: 1 }

/** The node's warnings, the most severe first. */
export function nodeWarnings(f: FlatNode): NodeWarning[] {
  const n = f.node
  const warnings: NodeWarning[] = []
  if (f.spilled) warnings.push({ kind: 'spill', severity: 'high', badge: 'spills to disk', message: `${f.spillReason ?? 'Spilled to disk'}: more work_mem would keep it in memory` })
  if (f.misestimate && f.misestimate.factor >= misestimateWarnFactor) {
    const factor = f.misestimate.factor >= 100 ? f.misestimate.factor.toFixed(0) : f.misestimate.factor.toFixed(1)
    const direction = f.misestimate.direction === 'under' ? 'underestimated' : 'overestimated'
    warnings.push({
      kind: 'misestimate',
      severity: f.misestimate.factor >= misestimateHighFactor ? 'high' : 'medium',
      badge: `rows ${direction} ${factor}×`,
      message: `Rows ${direction} ${factor}×: the planner chose this plan for a different row count (ANALYZE, or extended statistics for correlated columns)`
    })
  }
  const removedTotal = f.rowsRemoved !== null ? f.rowsRemoved * (n.loops ?? 1) : 0
  if (f.rowsRemovedPercent !== null && f.rowsRemovedPercent >= rowsRemovedWarnPercent && removedTotal >= rowsRemovedWarnMinimum) {
    warnings.push({
      kind: 'rows-removed',
      severity: f.rowsRemovedPercent >= rowsRemovedHighPercent ? 'high' : 'medium',
      badge: `${f.rowsRemovedPercent.toFixed(0)} % of rows thrown away`,
      message: `${f.rowsRemovedPercent.toFixed(0)} % of the rows read were thrown away by a filter: an index on the filtered columns may help`
    })
  }
  if (n.heapFetches !== null && n.heapFetches > 0) {
    warnings.push({ kind: 'heap-fetches', severity: 'medium', badge: `${n.heapFetches} heap fetches`, message: `${n.heapFetches} heap fetches: the visibility map is not current, so the index-only scan visits the table (VACUUM)` })
  }
  const lossy = Number(n.attributes['Lossy Heap Blocks'] ?? 0)
  if (lossy > 0) warnings.push({ kind: 'lossy-bitmap', severity: 'medium', badge: 'lossy bitmap', message: `The bitmap went lossy on ${lossy} pages: every row there is rechecked (more work_mem keeps it exact)` })
  if (n.workersPlanned !== null && n.workersLaunched !== null && n.workersLaunched < n.workersPlanned) {
    warnings.push({
      kind: 'workers-short',
      severity: 'medium',
      badge: `${n.workersLaunched} of ${n.workersPlanned} workers`,
      message: `Only ${n.workersLaunched} of ${n.workersPlanned} planned parallel workers started (max_parallel_workers or max_worker_processes reached)`
    })
  }
  // A stable sort: within a severity, the order above (what costs most first).
  return warnings.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
}
