/**
 * The figures a piece of advice stands on, read the same way for every rule:
 * rows read and returned by a scan over all its loops, its share of the time.
 */
import type { FlatNode } from '../explain/analyse/plan-metrics'
import type { AdviceContext } from './advice-item'

export interface ScanRows {
  /** Rows returned over all loops. */
  returned: number
  /** Rows the filter threw away over all loops. */
  removed: number
  /** One scan's rows read (returned + removed) / loops: about the relation's size for a full scan. */
  perScan: number
  loops: number
  /** A parallel scan: its loops are processes reading parts of one scan side by side, not repeated scans. */
  parallel: boolean
  /** From the planner's estimates and the relation's size, not from ANALYZE. */
  estimated: boolean
}

const catalogSchemas = new Set(['pg_catalog', 'information_schema', 'pg_toast'])

/** A relation advice may touch: not a catalog, not a foreign table. */
export function advisable(f: FlatNode): boolean {
  const n = f.node
  return n.relation !== null && n.nodeType !== 'Foreign Scan' && !catalogSchemas.has(n.schema ?? '') && !n.relation.startsWith('pg_')
}

export function scanRows(f: FlatNode, context: AdviceContext, countRemoved: (f: FlatNode) => number | null = (x) => x.node.rowsRemovedByFilter): ScanRows | null {
  const n = f.node
  if (n.loops !== null && n.actualRows !== null) {
    if (n.loops === 0) return null
    const removed = (countRemoved(f) ?? 0) * n.loops
    const returned = n.actualRows * n.loops
    const parallel = n.parallelAware
    return { returned, removed, perScan: (returned + removed) / (parallel ? 1 : n.loops), loops: n.loops, parallel, estimated: false }
  }
  // Plain EXPLAIN: the relation's size from the server, the rows kept from the estimate.
  if (n.planRows === null || n.relation === null) return null
  const size = context.relationRows?.(n.schema, n.relation) ?? null
  if (size === null) return null
  return { returned: n.planRows, removed: Math.max(0, size - n.planRows), perScan: size, loops: 1, parallel: false, estimated: true }
}

/** The node's share of the execution time, or of the plan's total cost when nothing was timed. */
export function timeShare(f: FlatNode, rootCost: number | null): number | null {
  if (f.inclusivePercent !== null) return f.inclusivePercent / 100
  const cost = f.node.totalCost
  if (cost === null || rootCost === null || !(rootCost > 0)) return null
  return Math.min(1, cost / rootCost)
}

const counter = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
export const count = (n: number) => counter.format(n)

export function percent(ratio: number): string {
  const value = ratio * 100
  return `${value >= 99.9 && value < 100 ? value.toFixed(3) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} %`
}

/** "read 300,000 rows to return 3; 99.999 % removed by the filter", with loops and time when known. */
export function rowsEvidence(rows: ScanRows, share: number | null, what = 'removed by the filter'): string {
  const read = rows.returned + rows.removed
  const loops = rows.loops <= 1 ? '' : rows.parallel ? ` in ${count(rows.loops)} parallel processes` : ` over ${count(rows.loops)} loops`
  const time = share !== null ? `; ${percent(share)} of the ${rows.estimated ? 'estimated cost' : 'execution time'}` : ''
  return `${rows.estimated ? 'estimated to read' : 'read'} ${count(read)} rows${loops} to return ${count(rows.returned)}; ${percent(read > 0 ? rows.removed / read : 0)} ${what}${time}`
}
