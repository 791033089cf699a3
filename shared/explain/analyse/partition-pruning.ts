/**
 * Partition pruning on an Append or Merge Append, in the words a reader
 * looks for: "3 of 12 partitions scanned", "Subplans Removed: 9".
 *
 * The plan only knows the partitions that survived planning: those pruned by
 * the planner are simply absent. Partitions pruned when execution started
 * are counted in "Subplans Removed", and those pruned per rescan show as
 * never executed (loops = 0). So the total said is what the plan can prove:
 * the children it lists plus the subplans removed.
 */
import type { PlanNode } from '../model/plan-model'

export interface PartitionPruning {
  /** The partitioned table, as the scans' aliases name it ("events" for events_1, events_2…). */
  table: string
  /** Partitions the plan lists and ran (all it lists, without ANALYZE). */
  scanned: number
  /** Partitions the plan accounts for: its children plus the subplans removed. */
  total: number
  /** "Subplans Removed": pruned when execution started. */
  removed: number
  /** "3 of 12 partitions scanned" (or "4 partitions scanned" when nothing was pruned at run time). */
  summary: string
}

const appendTypes = new Set(['Append', 'Merge Append'])

/** The table a partition's scan stands for: PostgreSQL aliases partition scans `<table>_<n>`. */
function partitionedTableOf(child: PlanNode): string | null {
  const match = child.alias && child.relation && child.alias !== child.relation ? /^(.+)_\d+$/.exec(child.alias) : null
  return match ? match[1]! : null
}

/** Pruning on `node` when it appends partitions of one table, else null (a UNION ALL, any other node). */
export function partitionPruning(node: PlanNode): PartitionPruning | null {
  if (!appendTypes.has(node.nodeType)) return null
  const members = node.children.filter((c) => c.parentRelationship !== 'InitPlan' && c.parentRelationship !== 'SubPlan')
  const tables = new Set(members.map(partitionedTableOf))
  const removed = Number(node.attributes['Subplans Removed'] ?? 0) || 0
  if (members.length === 0 || tables.size !== 1 || tables.has(null)) return null
  const scanned = members.filter((c) => c.loops !== 0 && !c.neverExecuted).length
  const total = members.length + removed
  const noun = total === 1 ? 'partition' : 'partitions'
  const summary = scanned < total ? `${scanned} of ${total} ${noun} scanned` : `${scanned} ${noun} scanned`
  return { table: [...tables][0]!, scanned, total, removed, summary }
}
