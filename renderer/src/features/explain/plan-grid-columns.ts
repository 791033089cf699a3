/** The grid's sortable columns: what each sorts by. */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'

export type GridSortKey = 'order' | 'exclusive' | 'inclusive' | 'rows' | 'misestimate' | 'loops' | 'read' | 'removed'

export interface GridSort {
  key: GridSortKey
  /** Plan order reads top-down; every figure reads biggest first. */
  descending: boolean
}

const sortValue: Record<GridSortKey, (f: FlatNode) => number | null> = {
  order: (f) => f.id,
  exclusive: (f) => f.exclusiveMs,
  inclusive: (f) => f.inclusiveMs,
  rows: (f) => f.node.actualRows,
  misestimate: (f) => f.misestimate?.factor ?? null,
  loops: (f) => f.node.loops,
  read: (f) => (f.exclusiveBuffers ? f.exclusiveBuffers.shared.read + f.exclusiveBuffers.temp.read : null),
  removed: (f) => f.rowsRemovedPercent
}

/** Nodes in the chosen order; missing figures last whichever the direction, plan order breaks ties. */
export function sortGridRows(nodes: readonly FlatNode[], sort: GridSort): FlatNode[] {
  if (sort.key === 'order' && !sort.descending) return [...nodes]
  const value = sortValue[sort.key]
  const sign = sort.descending ? -1 : 1
  return [...nodes].sort((a, b) => {
    const va = value(a)
    const vb = value(b)
    if (va === null || vb === null) return va === vb ? a.id - b.id : va === null ? 1 : -1
    return (va - vb) * sign || a.id - b.id
  })
}

/** A click on a header: the same column flips, another starts biggest first (plan order starts top-down). */
export function nextSort(current: GridSort, key: GridSortKey): GridSort {
  if (current.key === key) return { key, descending: !current.descending }
  return { key, descending: key !== 'order' }
}
