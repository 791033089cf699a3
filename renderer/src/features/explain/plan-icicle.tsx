/**
 * Where the time goes, as an icicle: each node is a bar as wide as its
 * inclusive time, its children below it; the part of a bar not covered by
 * children is the node's own (exclusive) time. d3-partition does the layout.
 */
import { hierarchy, partition } from 'd3'
import { useMemo } from 'react'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { heat, ms, nodeTarget, nodeTitle } from './plan-format'

const width = 1200
const rowHeight = 44
const minimumCellWidth = 0.5

interface Datum {
  flat: FlatNode
  children: Datum[]
}

/** The layout runs on a 1200-unit wide canvas; on screen that is 100 %. */
const pct = (x: number) => `${(x / width) * 100}%`

export function PlanIcicle({ nodes, selectedId, onSelect }: { nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const layout = useMemo(() => {
    const byId = new Map<number, Datum>()
    for (const flat of nodes) byId.set(flat.id, { flat, children: [] })
    for (const flat of nodes) if (flat.parentId !== null) byId.get(flat.parentId)?.children.push(byId.get(flat.id)!)
    // Sized by exclusive time (or cost without ANALYZE): a parent's width is its subtree's total.
    const value = (f: FlatNode) => Math.max(0, f.exclusiveMs ?? f.node.totalCost ?? 1)
    const root = hierarchy(byId.get(0)!).sum((d) => value(d.flat))
    const depth = root.height + 1
    // Cells thinner than a pixel (most of a 10,000-node plan) are not drawn: they cannot be seen or clicked.
    const cells = partition<Datum>().size([width, depth * rowHeight])(root).descendants().filter((cell) => cell.x1 - cell.x0 >= minimumCellWidth)
    return { cells, height: depth * rowHeight }
  }, [nodes])
  return (
    // Widths in percent of the panel (no DOM measuring), heights in pixels: text stays full size.
    <svg className="plan-icicle" width="100%" height={layout.height} role="img" aria-label="Plan icicle of own time">
      {layout.cells.map((cell) => {
        const f = cell.data.flat
        const w = cell.x1 - cell.x0
        return (
          <g key={f.id} onClick={() => onSelect(f.id)} className={`icicle-cell${selectedId === f.id ? ' selected' : ''}`} data-node-id={f.id}>
            <title>{`${nodeTitle(f)} ${nodeTarget(f)}\nown ${ms(f.exclusiveMs)} · with children ${ms(f.inclusiveMs)}`}</title>
            <rect x={pct(cell.x0)} y={cell.y0} width={pct(Math.max(0, w - 1))} height={rowHeight - 2} style={{ fill: `color-mix(in srgb, var(--plan-hot) ${Math.round(15 + heat(f.exclusivePercent) * 70)}%, var(--surface))` }} />
            {w > 40 && (
              <text x={pct(cell.x0 + 4)} y={cell.y0 + rowHeight / 2 + 5}>
                {`${nodeTitle(f)} ${nodeTarget(f)}`.slice(0, Math.floor(w / 9))}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
