/**
 * Partition pruning on an Append or Merge Append, in the words a reader
 * looks for: "3 of 13 partitions scanned (10 pruned at planning)".
 *
 * The plan only knows the partitions that survived planning: those pruned by
 * the planner are simply absent. Partitions pruned when execution started are
 * counted in "Subplans Removed", and those pruned later (a parameter known
 * only then) show as never executed (loops = 0). So the total comes from the
 * catalog (partition-catalog.ts) when the plan was explained on a live
 * connection; for a pasted plan, only what the plan shows is said ("3
 * partitions scanned; 2 removed at run time"), never a total it cannot know.
 */
import { preorder, type PlanNode } from '../model/plan-model'
import type { ListedPartition, PartitionAncestry } from './partition-catalog'

export interface PartitionPruning {
  /** The partitioned table: as the catalog names it ("public.events"), else as the scans' aliases do ("events" for events_1). */
  table: string
  /** Partitions the plan lists and ran (all it lists, without ANALYZE). */
  scanned: number
  /** Partitions the plan lists (scanned or never executed). */
  listed: number
  /** "Subplans Removed": pruned when execution started. */
  removed: number
  /** Listed but never executed: pruned during execution. */
  neverExecuted: number
  /** The table's partitions, from the catalog; null for a pasted plan. */
  total: number | null
  /** Pruned by the planner (absent from the plan), from the catalog's total; null without it. */
  prunedAtPlanning: number | null
  /** The card's line: "3 of 13 partitions scanned", or "3 partitions scanned" without a catalog. */
  headline: string
  /** The whole story: "3 of 13 partitions scanned (10 pruned at planning)", "3 partitions scanned; 2 removed at run time". */
  summary: string
}

const appendTypes = new Set(['Append', 'Merge Append'])
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const qualified = (p: { schema: string; name: string }) => `${p.schema}.${p.name}`
/** A relation's key: a dot may be part of a quoted name, a NUL never is. */
const keyOf = (p: { schema: string; name: string }) => `${p.schema}\u0000${p.name}`

/** The table a partition's scan stands for: PostgreSQL aliases partition scans `<table>_<n>`. */
function aliasTableOf(child: PlanNode): string | null {
  const match = child.alias && child.relation && child.alias !== child.relation ? /^(.+)_\d+$/.exec(child.alias) : null
  return match ? match[1]! : null
}

/** The members of an Append that appends partitions of one table, else null (a UNION ALL, any other node). */
function partitionMembers(node: PlanNode): { members: PlanNode[]; aliasTable: string } | null {
  if (!appendTypes.has(node.nodeType)) return null
  const members = node.children.filter((c) => c.parentRelationship !== 'InitPlan' && c.parentRelationship !== 'SubPlan')
  const tables = new Set(members.map(aliasTableOf))
  if (members.length === 0 || tables.size !== 1 || tables.has(null)) return null
  return { members, aliasTable: [...tables][0]! }
}

/**
 * The table whose partitions the Append scans, and its partition count: an
 * ancestor every listed partition shares — the one the scans' alias names
 * when there is one (a sub-partitioned table queried by name), else the top
 * of the tree. Null when a partition is not in the catalog's answer.
 */
function catalogParent(members: PlanNode[], aliasTable: string, catalog: readonly PartitionAncestry[]): { table: string; partitions: number } | null {
  const byName = new Map(catalog.map((p) => [keyOf(p), p]))
  const chains = members.map((m) => (m.schema && m.relation ? byName.get(keyOf({ schema: m.schema, name: m.relation })) : undefined)?.ancestors)
  if (chains.some((chain) => !chain || chain.length === 0)) return null
  const shared = chains[0]!.filter((a) => chains.every((chain) => chain!.some((b) => keyOf(b) === keyOf(a))))
  const parent = shared.find((a) => a.name === aliasTable) ?? shared.at(-1)
  return parent ? { table: qualified(parent), partitions: parent.partitions } : null
}

/** Pruning on `node` when it appends partitions of one table, else null; `catalog` gives the real total. */
export function partitionPruning(node: PlanNode, catalog?: readonly PartitionAncestry[] | null): PartitionPruning | null {
  const found = partitionMembers(node)
  if (!found) return null
  const { members, aliasTable } = found
  const removed = Number(node.attributes['Subplans Removed'] ?? 0) || 0
  const scanned = members.filter((c) => c.loops !== 0 && !c.neverExecuted).length
  const neverExecuted = members.length - scanned
  const parent = catalog?.length ? catalogParent(members, aliasTable, catalog) : null
  // The catalog may have changed since the plan was made: never say fewer partitions than the plan shows.
  const total = parent ? Math.max(parent.partitions, members.length + removed) : null
  const prunedAtPlanning = total === null ? null : total - members.length - removed
  const ranOut = [removed > 0 ? `${removed} removed at run time` : '', neverExecuted > 0 ? `${neverExecuted} never executed` : '']
  if (total === null) {
    const headline = `${plural(scanned, 'partition')} scanned`
    return { table: aliasTable, scanned, listed: members.length, removed, neverExecuted, total, prunedAtPlanning, headline, summary: [headline, ...ranOut].filter(Boolean).join('; ') }
  }
  const headline = scanned < total ? `${scanned} of ${plural(total, 'partition')} scanned` : `all ${plural(total, 'partition')} scanned`
  const why = [prunedAtPlanning ? `${prunedAtPlanning} pruned at planning` : '', ...ranOut].filter(Boolean).join(', ')
  return { table: parent!.table, scanned, listed: members.length, removed, neverExecuted, total, prunedAtPlanning, headline, summary: why ? `${headline} (${why})` : headline }
}

/** Every partition the plan's Appends list, once each: what the catalog is asked about. */
export function listedPartitions(root: PlanNode): ListedPartition[] {
  const seen = new Map<string, ListedPartition>()
  for (const node of preorder(root)) {
    for (const member of partitionMembers(node)?.members ?? []) {
      if (member.schema && member.relation) seen.set(keyOf({ schema: member.schema, name: member.relation }), { schema: member.schema, name: member.relation })
    }
  }
  return [...seen.values()]
}
