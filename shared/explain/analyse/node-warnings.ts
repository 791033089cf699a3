/**
 * What looks wrong on a node, in words a reader acts on: the details panel and
 * the CLI summary say the same things, from these rules.
 */
import type { FlatNode } from './plan-metrics'

export type NodeWarningKind = 'spill' | 'misestimate' | 'rows-removed' | 'heap-fetches' | 'lossy-bitmap' | 'workers-short'

export interface NodeWarning {
  kind: NodeWarningKind
  message: string
}

/** An estimate this far off usually changes the plan the planner picks. */
export const misestimateWarnFactor = 10
/** A filter that throws away most rows read, on enough rows to matter. */
const rowsRemovedWarnPercent = 50
const rowsRemovedWarnMinimum = 100

export function nodeWarnings(f: FlatNode): NodeWarning[] {
  const n = f.node
  const warnings: NodeWarning[] = []
  if (f.spilled) warnings.push({ kind: 'spill', message: `${f.spillReason ?? 'Spilled to disk'}: more work_mem would keep it in memory` })
  if (f.misestimate && f.misestimate.factor >= misestimateWarnFactor) {
    const factor = f.misestimate.factor >= 100 ? f.misestimate.factor.toFixed(0) : f.misestimate.factor.toFixed(1)
    warnings.push({
      kind: 'misestimate',
      message: `Rows ${f.misestimate.direction === 'under' ? 'underestimated' : 'overestimated'} ${factor}×: the planner chose this plan for a different row count (ANALYZE, or extended statistics for correlated columns)`
    })
  }
  const removedTotal = f.rowsRemoved !== null ? f.rowsRemoved * (n.loops ?? 1) : 0
  if (f.rowsRemovedPercent !== null && f.rowsRemovedPercent >= rowsRemovedWarnPercent && removedTotal >= rowsRemovedWarnMinimum) {
    warnings.push({ kind: 'rows-removed', message: `${f.rowsRemovedPercent.toFixed(0)} % of the rows read were thrown away by a filter: an index on the filtered columns may help` })
  }
  if (n.heapFetches !== null && n.heapFetches > 0) {
    warnings.push({ kind: 'heap-fetches', message: `${n.heapFetches} heap fetches: the visibility map is not current, so the index-only scan visits the table (VACUUM)` })
  }
  const lossy = Number(n.attributes['Lossy Heap Blocks'] ?? 0)
  if (lossy > 0) warnings.push({ kind: 'lossy-bitmap', message: `The bitmap went lossy on ${lossy} pages: every row there is rechecked (more work_mem keeps it exact)` })
  if (n.workersPlanned !== null && n.workersLaunched !== null && n.workersLaunched < n.workersPlanned) {
    warnings.push({ kind: 'workers-short', message: `Only ${n.workersLaunched} of ${n.workersPlanned} planned parallel workers started (max_parallel_workers or max_worker_processes reached)` })
  }
  return warnings
}
