/**
 * The plan as a tree: node cards laid out by d3-hierarchy with sizes computed,
 * not measured; colour by exclusive time, edge width by rows; pan and zoom.
 */
import { useEffect, useMemo, useRef } from 'react'
import { usePanZoom } from '../../app/use-pan-zoom'
import type { FlatNode } from '../../../../shared/explain/plan-metrics'
import { childrenIndex, visibleNodes } from '../../../../shared/explain/plan-emphasis'
import { misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'
import { cardHeight, cardWidth, layoutPlanTree } from './plan-tree-layout'

interface Props {
  nodes: FlatNode[]
  selectedId: number | null
  onSelect: (id: number) => void
  heat: number[]
  critical: ReadonlySet<number>
  collapsed: ReadonlySet<number>
  onToggle: (id: number) => void
  grouped: ReadonlyMap<number, number[]>
  onExpandGroup: (id: number) => void
}

export function PlanTree({ nodes, selectedId, onSelect, heat, critical, collapsed, onToggle, grouped, onExpandGroup }: Props) {
  const svgRef = useRef<SVGSVGElement>(null)
  const { transform, fit } = usePanZoom(svgRef, [0.05, 2.5])

  const visible = useMemo(() => visibleNodes(nodes, collapsed, grouped), [nodes, collapsed, grouped])
  const layout = useMemo(() => layoutPlanTree(visible), [visible])
  const childrenOf = useMemo(() => childrenIndex(nodes), [nodes])
  const hiddenBelow = (id: number): number => {
    let count = 0
    const stack = [...(childrenOf.get(id) ?? [])]
    while (stack.length) {
      const next = stack.pop()!
      count++
      stack.push(...(childrenOf.get(next) ?? []))
    }
    return count
  }
  // Arrow keys walk the tree: up to the parent, down to the first child, left/right among siblings.
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (selectedId === null) return
    const current = nodes[selectedId]!
    const siblings = current.parentId === null ? [0] : (childrenOf.get(current.parentId) ?? [])
    const at = siblings.indexOf(selectedId)
    const next =
      event.key === 'ArrowUp'
        ? current.parentId
        : event.key === 'ArrowDown'
          ? collapsed.has(selectedId)
            ? null
            : (childrenOf.get(selectedId)?.[0] ?? null)
          : event.key === 'ArrowLeft'
            ? (siblings[at - 1] ?? null)
            : event.key === 'ArrowRight'
              ? (siblings[at + 1] ?? null)
              : null
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      if (childrenOf.has(selectedId)) onToggle(selectedId)
    } else if (next !== null && next !== undefined) {
      event.preventDefault()
      onSelect(next)
    }
  }

  // Fit the plan to the panel when a new plan arrives.
  useEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const { width, height } = svg.getBoundingClientRect()
    // Fit when it fits; never below a readable 0.6 (pan for the rest), the root centred.
    const k = Math.max(0.6, Math.min(1.2, (width - 40) / layout.width, (height - 40) / layout.height))
    const root = layout.placed[0]
    const x = layout.width * k <= width - 40 ? (width - layout.width * k) / 2 - layout.minX * k : width / 2 - ((root?.x ?? 0) + cardWidth / 2) * k
    fit(x, 20, k)
  }, [layout])

  const edgeWidth = (rows: number | null) => 2 + 10 * (Math.log10(1 + (rows ?? 0)) / Math.log10(1 + layout.maxRows))

  return (
    <svg ref={svgRef} className="plan-tree" role="img" tabIndex={0} onKeyDown={onKeyDown} aria-label={`Plan tree: ${nodes.length} nodes`}>
      <g transform={transform}>
        {layout.links.map((link) => {
          const rows = link.target.data.flat.actualRowsTotal ?? link.target.data.flat.node.planRows
          const sub = link.target.data.flat.node.parentRelationship
          const x1 = link.source.x + cardWidth / 2
          const y1 = link.source.y + cardHeight
          const x2 = link.target.x + cardWidth / 2
          const y2 = link.target.y
          return (
            <path
              key={`${link.source.data.flat.id}-${link.target.data.flat.id}`}
              className={`plan-edge${sub === 'InitPlan' || sub === 'SubPlan' ? ' plan-edge-subplan' : ''}${critical.has(link.target.data.flat.id) ? ' plan-edge-critical' : ''}`}
              d={`M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`}
              strokeWidth={edgeWidth(rows)}
            />
          )
        })}
        {layout.placed.map((p) => {
          const f = p.data.flat
          const h = heat[f.id] ?? 0
          const mis = misestimateLabel(f)
          const folded = collapsed.has(f.id) ? hiddenBelow(f.id) : 0
          const more = grouped.get(f.id)?.length ?? 0
          return (
            <g
              key={f.id}
              transform={`translate(${p.x},${p.y})`}
              className={`plan-node${selectedId === f.id ? ' selected' : ''}${critical.has(f.id) ? ' critical' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`${nodeTitle(f)} ${nodeTarget(f)}`}
              data-node-id={f.id}
              onClick={() => onSelect(f.id)}
            >
              <rect width={cardWidth} height={cardHeight} rx={8} style={{ fill: `color-mix(in srgb, var(--plan-hot) ${Math.round(h * 70)}%, var(--surface))` }} />
              <text x={10} y={22} className="plan-node-title">
                {nodeTitle(f)}
              </text>
              <text x={10} y={42} className="plan-node-target">
                {nodeTarget(f).slice(0, 32)}
              </text>
              <text x={10} y={64} className="plan-node-time">
                {f.exclusiveMs !== null ? `${ms(f.exclusiveMs)} · ${(f.exclusivePercent ?? 0).toFixed(1)} %` : `cost ${f.node.totalCost?.toFixed(0) ?? '?'}`}
              </text>
              <text x={10} y={84} className="plan-node-rows">
                {f.node.actualRows !== null ? `${fmtRows(f.node.actualRows)} of ${fmtRows(f.node.planRows)} rows` : `${fmtRows(f.node.planRows)} rows est.`}
                {f.node.loops && f.node.loops > 1 ? ` × ${fmtRows(f.node.loops)} loops` : ''}
                {mis && <tspan className="plan-misestimate"> {mis}</tspan>}
              </text>
              {more > 0 && (
                <g
                  className="plan-fold plan-group"
                  role="button"
                  aria-label={`Show ${more} more children`}
                  transform={`translate(${cardWidth - 118},${cardHeight + 6})`}
                  onClick={(e) => (e.stopPropagation(), onExpandGroup(f.id))}
                >
                  <rect width={118} height={24} rx={12} />
                  <text x={59} y={17} textAnchor="middle">
                    +{more} more children
                  </text>
                </g>
              )}
              {folded > 0 && (
                <g
                  className="plan-fold"
                  role="button"
                  aria-label={`Show ${folded} hidden nodes`}
                  transform={`translate(${cardWidth / 2 - 46},${cardHeight + 6})`}
                  onClick={(e) => (e.stopPropagation(), onToggle(f.id))}
                >
                  <rect width={92} height={24} rx={12} />
                  <text x={46} y={17} textAnchor="middle">
                    +{folded} hidden
                  </text>
                </g>
              )}
            </g>
          )
        })}
      </g>
    </svg>
  )
}

export function fmtRows(value: number | null): string {
  if (value === null) return '?'
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k`
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}
