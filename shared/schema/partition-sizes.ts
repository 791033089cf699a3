/**
 * A partitioned (or inheritance) table's sizes from its tree: a parent's
 * storage is its own plus everything below it, since a partitioned table holds
 * no rows itself ("table 0 B" on a 21 MB table says nothing).
 */
import type { RelationSizes } from './schema-tree'

export interface TreeRelation {
  relid: number
  /** null for the table itself (the root). */
  parentRelid: number | null
  own: RelationSizes
}

const zero = (): RelationSizes => ({ table: 0, toast: 0, indexes: 0, total: 0 })

function add(into: RelationSizes, more: RelationSizes): void {
  into.table += more.table
  into.toast += more.toast
  into.indexes += more.indexes
  into.total += more.total
}

/**
 * Each relation's subtree sizes (its own plus its descendants'), by relid.
 * A child with two parents (multiple inheritance) counts under each parent
 * but once in the root's total.
 */
export function subtreeSizes(relations: TreeRelation[]): Map<number, RelationSizes> {
  const own = new Map<number, RelationSizes>()
  const children = new Map<number, Set<number>>()
  for (const r of relations) {
    own.set(r.relid, r.own)
    if (r.parentRelid !== null) {
      const set = children.get(r.parentRelid) ?? new Set<number>()
      set.add(r.relid)
      children.set(r.parentRelid, set)
    }
  }
  const result = new Map<number, RelationSizes>()
  const descendants = (relid: number, seen: Set<number>): void => {
    if (seen.has(relid)) return
    seen.add(relid)
    for (const child of children.get(relid) ?? []) descendants(child, seen)
  }
  for (const relid of own.keys()) {
    const seen = new Set<number>()
    descendants(relid, seen)
    const sum = zero()
    for (const member of seen) add(sum, own.get(member)!)
    result.set(relid, sum)
  }
  return result
}
