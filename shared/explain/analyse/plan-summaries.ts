/**
 * Where the time goes, added up: per node type ("Seq Scan: 3 nodes, 71 %") and
 * per table ("loans: 2 scans, 2.1 M rows read, 1.9 M thrown away"), as
 * explain.depesz.com's statistics tab shows.
 *
 * Sums are of exclusive time, so nothing is counted twice; rows are totals over
 * all loops.
 */
import type { FlatNode } from './plan-metrics'

export interface NodeTypeSummary {
  /** "Seq Scan", "Parallel Seq Scan", "Hash Join", … */
  nodeType: string
  count: number
  exclusiveMs: number | null
  exclusivePercent: number | null
}

export interface TableSummary {
  /** "public.loans" when the schema is known, else "loans". */
  table: string
  /** Nodes reading the table (scans, and ModifyTable for writes). */
  count: number
  /** How it is read: "Seq Scan", "Index Scan using loans_pkey", … (distinct, in plan order). */
  accessPaths: string[]
  exclusiveMs: number | null
  exclusivePercent: number | null
  /** Rows the nodes returned, all loops. */
  rowsReturned: number | null
  /** Rows read and thrown away by filters and rechecks, all loops. */
  rowsRemoved: number | null
  /** Shared buffers read from outside PostgreSQL's cache (the nodes' own). */
  sharedRead: number | null
}

export function summarizeByNodeType(nodes: readonly FlatNode[]): NodeTypeSummary[] {
  const byType = new Map<string, NodeTypeSummary>()
  for (const f of nodes) {
    const nodeType = f.node.parallelAware ? `Parallel ${f.node.nodeType}` : f.node.nodeType
    const entry = byType.get(nodeType) ?? { nodeType, count: 0, exclusiveMs: null, exclusivePercent: null }
    entry.count++
    entry.exclusiveMs = addNullable(entry.exclusiveMs, f.exclusiveMs)
    entry.exclusivePercent = addNullable(entry.exclusivePercent, f.exclusivePercent)
    byType.set(nodeType, entry)
  }
  return sortByTime([...byType.values()], (s) => s.count)
}

export function summarizeByTable(nodes: readonly FlatNode[]): TableSummary[] {
  const byTable = new Map<string, TableSummary>()
  for (const f of nodes) {
    const n = f.node
    if (!n.relation) continue
    const table = n.schema ? `${n.schema}.${n.relation}` : n.relation
    const entry = byTable.get(table) ?? { table, count: 0, accessPaths: [], exclusiveMs: null, exclusivePercent: null, rowsReturned: null, rowsRemoved: null, sharedRead: null }
    entry.count++
    const path = (n.parallelAware ? `Parallel ${n.nodeType}` : n.nodeType) + (n.indexName ? ` using ${n.indexName}` : '')
    if (!entry.accessPaths.includes(path)) entry.accessPaths.push(path)
    entry.exclusiveMs = addNullable(entry.exclusiveMs, f.exclusiveMs)
    entry.exclusivePercent = addNullable(entry.exclusivePercent, f.exclusivePercent)
    entry.rowsReturned = addNullable(entry.rowsReturned, f.actualRowsTotal)
    entry.rowsRemoved = addNullable(entry.rowsRemoved, f.rowsRemoved !== null ? f.rowsRemoved * (n.loops ?? 1) : null)
    entry.sharedRead = addNullable(entry.sharedRead, f.exclusiveBuffers ? f.exclusiveBuffers.shared.read : null)
    byTable.set(table, entry)
  }
  return sortByTime([...byTable.values()], (s) => s.count)
}

/** null + null stays null (nothing was measured); otherwise nulls count as 0. */
function addNullable(sum: number | null, value: number | null): number | null {
  if (value === null) return sum
  return (sum ?? 0) + value
}

/** Most time first; plans without timing (plain EXPLAIN) by count. */
function sortByTime<T extends { exclusiveMs: number | null }>(rows: T[], count: (row: T) => number): T[] {
  return rows.sort((a, b) => (b.exclusiveMs ?? -1) - (a.exclusiveMs ?? -1) || count(b) - count(a))
}
