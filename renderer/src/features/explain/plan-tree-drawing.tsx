/**
 * The SVG content of the plan tree: edges and node cards at given positions.
 * The tree on screen draws the part in view; the SVG and PNG exports draw all
 * of it with the same component, so both look alike.
 */
import { memo } from 'react'
import { fmtRows, misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'
import { cardHeight, cardWidth, type PlacedLink, type PlacedNode } from './plan-tree-layout'
import { edgePoints } from './plan-tree-viewport'

export interface TreeEmphasis {
  selectedId: number | null
  heat: number[]
  critical: ReadonlySet<number>
  /** Number of nodes folded away under each collapsed node. */
  foldedBelow: ReadonlyMap<number, number>
  /** Children kept behind a "+N more" badge, per parent. */
  grouped: ReadonlyMap<number, number[]>
  maxRows: number
  /** Presenter mode's step reveal: the nodes shown so far; null shows all. */
  revealed: ReadonlySet<number> | null
}

export interface TreeActions {
  onSelect: (id: number) => void
  onToggle: (id: number) => void
  onExpandGroup: (id: number) => void
}

const noActions: TreeActions = { onSelect: () => undefined, onToggle: () => undefined, onExpandGroup: () => undefined }

export function PlanTreeDrawing({
  placed,
  links,
  emphasis,
  detailed,
  actions = noActions
}: {
  placed: Array<PlacedNode>
  links: Array<PlacedLink>
  emphasis: TreeEmphasis
  /** False when zoomed far out: cards without text. */
  detailed: boolean
  actions?: TreeActions
}) {
  const { selectedId, heat, critical, foldedBelow, grouped, maxRows, revealed } = emphasis
  const edgeWidth = (rows: number | null) => 2 + 10 * (Math.log10(1 + (rows ?? 0)) / Math.log10(1 + maxRows))
  return (
    <>
      {links.map((link) => {
        const target = link.target.data.flat
        const sub = target.node.parentRelationship
        const { x1, y1, x2, y2, ym } = edgePoints(link.source, link.target)
        return (
          <path
            key={`${link.source.data.flat.id}-${target.id}`}
            className={`plan-edge${sub === 'InitPlan' || sub === 'SubPlan' ? ' plan-edge-subplan' : ''}${critical.has(target.id) ? ' plan-edge-critical' : ''}${revealed && !revealed.has(target.id) ? ' plan-edge-concealed' : ''}`}
            d={`M${x1},${y1} C${x1},${ym} ${x2},${ym} ${x2},${y2}`}
            strokeWidth={edgeWidth(target.actualRowsTotal ?? target.node.planRows)}
          />
        )
      })}
      {cteLinks(placed).map(({ scan, definition, name }) => (
        <path
          key={`cte-${scan.data.flat.id}`}
          className="plan-edge-cte"
          data-cte={name}
          d={cteArc(scan, definition)}
        >
          <title>{`${nodeTitle(scan.data.flat)} reads the rows of CTE ${name}`}</title>
        </path>
      ))}
      {placed.map((p) => (
        <PlanTreeCard
          key={p.data.flat.id}
          point={p}
          heat={heat[p.data.flat.id] ?? 0}
          selected={selectedId === p.data.flat.id}
          critical={critical.has(p.data.flat.id)}
          folded={foldedBelow.get(p.data.flat.id) ?? 0}
          more={grouped.get(p.data.flat.id)?.length ?? 0}
          detailed={detailed}
          concealed={revealed !== null && !revealed.has(p.data.flat.id)}
          actions={actions}
        />
      ))}
    </>
  )
}

/**
 * A CTE is computed once, under the node it hangs from ("CTE totals"), and read
 * by CTE Scans elsewhere in the tree: a dashed arc joins each scan to it, so
 * the reader sees where the scan's rows come from.
 */
function cteLinks(placed: Array<PlacedNode>) {
  const definitions = new Map<string, PlacedNode>()
  for (const p of placed) {
    const name = p.data.flat.node.subplanName
    if (name?.startsWith('CTE ')) definitions.set(name.slice(4).trim(), p)
  }
  if (definitions.size === 0) return []
  return placed.flatMap((scan) => {
    const name = scan.data.flat.node.nodeType === 'CTE Scan' ? scan.data.flat.node.cteName : null
    const definition = name ? definitions.get(name) : undefined
    return name && definition ? [{ scan, definition, name }] : []
  })
}

/**
 * From the side of the scan that faces the CTE to the side of the CTE that
 * faces the scan, low on the cards and sagging below them, so it runs through
 * the gaps between cards instead of under them.
 */
function cteArc(scan: PlacedNode, definition: PlacedNode): string {
  const leftward = definition.x < scan.x
  const x1 = leftward ? scan.x : scan.x + cardWidth
  const x2 = leftward ? definition.x + cardWidth : definition.x
  const y1 = scan.y + cardHeight - 14
  const y2 = definition.y + cardHeight - 14
  const sag = Math.max(y1, y2) + 40 + Math.abs(x2 - x1) / 8
  return `M${x1},${y1} C${x1 + (leftward ? -30 : 30)},${sag} ${x2 + (leftward ? 30 : -30)},${sag} ${x2},${y2}`
}

interface CardProps {
  point: PlacedNode
  heat: number
  selected: boolean
  critical: boolean
  folded: number
  more: number
  detailed: boolean
  /** Not revealed yet (presenter mode): an empty outline, out of reach of clicks and screen readers. */
  concealed?: boolean
  actions: TreeActions
}

/** One node card; memoised so that panning into new ground only draws the new cards. */
const PlanTreeCard = memo(function PlanTreeCard({ point, heat, selected, critical, folded, more, detailed, concealed = false, actions }: CardProps) {
  const f = point.data.flat
  if (concealed) return <ConcealedCard point={point} />
  const mis = detailed ? misestimateLabel(f) : null
  return (
    <g
      transform={`translate(${point.x},${point.y})`}
      className={`plan-node${selected ? ' selected' : ''}${critical ? ' critical' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`${nodeTitle(f)} ${nodeTarget(f)}`}
      data-node-id={f.id}
      onClick={() => actions.onSelect(f.id)}
    >
      <rect width={cardWidth} height={cardHeight} rx={8} style={{ fill: `color-mix(in srgb, var(--plan-hot) ${Math.round(heat * 70)}%, var(--surface))` }} />
      {detailed && (
        <>
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
        </>
      )}
      {more > 0 && <Badge label={`+${more} more children`} name={`Show ${more} more children`} group right onClick={() => actions.onExpandGroup(f.id)} detailed={detailed} />}
      {folded > 0 && <Badge label={`+${folded} hidden`} name={`Show ${folded} hidden nodes`} onClick={() => actions.onToggle(f.id)} detailed={detailed} />}
    </g>
  )
})

/** A node the step reveal has not reached: where it will be, nothing of what it is. */
function ConcealedCard({ point }: { point: PlacedNode }) {
  return (
    <g transform={`translate(${point.x},${point.y})`} className="plan-node concealed" aria-hidden="true" data-node-id={point.data.flat.id}>
      <rect width={cardWidth} height={cardHeight} rx={8} />
    </g>
  )
}

/** A "+N" pill under a card, as wide as its text (13 px bold: about 7.5 px a character). */
function Badge({ label, name, group = false, right = false, detailed, onClick }: { label: string; name: string; group?: boolean; right?: boolean; detailed: boolean; onClick: () => void }) {
  const width = Math.round(label.length * 7.5 + 20)
  return (
    <g
      className={`plan-fold${group ? ' plan-group' : ''}`}
      role="button"
      aria-label={name}
      transform={`translate(${right ? cardWidth - width : cardWidth / 2 - width / 2},${cardHeight + 6})`}
      onClick={(e) => (e.stopPropagation(), onClick())}
    >
      <rect width={width} height={24} rx={12} />
      {detailed && (
        <text x={width / 2} y={17} textAnchor="middle">
          {label}
        </text>
      )}
    </g>
  )
}
