/**
 * The plan as a tree: node cards laid out by d3-hierarchy with sizes computed,
 * not measured; colour by exclusive time, edge width by rows; pan and zoom.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { FlatNode } from '../../../../shared/explain/plan-metrics'
import { heat, misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'
import { cardHeight, cardWidth, layoutPlanTree } from './plan-tree-layout'

export function PlanTree({ nodes, selectedId, onSelect }: { nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const svgRef = useRef<SVGSVGElement>(null)
  const [transform, setTransform] = useState('')
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null)

  const layout = useMemo(() => layoutPlanTree(nodes), [nodes])

  useEffect(() => {
    const svg = select(svgRef.current!)
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 2.5])
      .on('zoom', (event: { transform: { toString(): string } }) => setTransform(event.transform.toString()))
    zoomRef.current = behavior
    svg.call(behavior)
    return () => void svg.on('.zoom', null)
  }, [])

  // Fit the plan to the panel when a new plan arrives.
  useEffect(() => {
    const svg = svgRef.current
    if (!svg || !zoomRef.current) return
    const { width, height } = svg.getBoundingClientRect()
    const k = Math.max(0.05, Math.min(1.2, (width - 40) / layout.width, (height - 40) / layout.height))
    const x = (width - layout.width * k) / 2 - layout.minX * k
    select(svg).call(zoomRef.current.transform, zoomIdentity.translate(x, 20).scale(k))
  }, [layout])

  const edgeWidth = (rows: number | null) => 2 + 10 * (Math.log10(1 + (rows ?? 0)) / Math.log10(1 + layout.maxRows))

  return (
    <svg ref={svgRef} className="plan-tree" role="img" aria-label={`Plan tree: ${nodes.length} nodes`}>
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
              className={`plan-edge${sub === 'InitPlan' || sub === 'SubPlan' ? ' plan-edge-subplan' : ''}`}
              d={`M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`}
              strokeWidth={edgeWidth(rows)}
            />
          )
        })}
        {layout.placed.map((p) => {
          const f = p.data.flat
          const h = heat(f.exclusivePercent)
          const mis = misestimateLabel(f)
          return (
            <g
              key={f.id}
              transform={`translate(${p.x},${p.y})`}
              className={`plan-node${selectedId === f.id ? ' selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`${nodeTitle(f)} ${nodeTarget(f)}`}
              data-node-id={f.id}
              onClick={() => onSelect(f.id)}
              onKeyDown={(e) => e.key === 'Enter' && onSelect(f.id)}
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
