/**
 * One node card of the plan tree, and the "+N" pills under it. What the card
 * says comes from plan-card-content.ts, fitted to the card: no text runs out
 * of its box; a cut line shows in full as its tooltip.
 */
import { memo } from 'react'
import { cardContent, cardFonts, cardGeometry, type CardFont, type FittedText } from './plan-card-content'
import { measureCardText } from './plan-text-measure'
import { usePlan } from './plan-store'
import { nodeTarget, nodeTitle } from './plan-format'
import type { TreeActions } from './plan-tree-drawing'
import { cardHeight, cardWidth, type PlacedNode } from './plan-tree-layout'

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
  /** Own estimated cost and its share of the plan's, for plans that did not run. */
  own?: { cost: number | null; costShare: number | null }
}

const fontStyle = (font: CardFont) => ({ fontSize: font.size, fontWeight: font.weight })

function Line({ fitted, y, className, font }: { fitted: FittedText; y: number; className: string; font: CardFont }) {
  return (
    <text x={cardGeometry.padding} y={y} className={className} style={fontStyle(font)}>
      {fitted.full && <title>{fitted.full}</title>}
      {fitted.text}
    </text>
  )
}

/** A node the step reveal has not reached: where it will be, nothing of what it is. */
function ConcealedCard({ point }: { point: PlacedNode }) {
  return (
    <g transform={`translate(${point.x},${point.y})`} className="plan-node concealed" aria-hidden="true" data-node-id={point.data.flat.id}>
      <rect width={cardWidth} height={cardHeight} rx={8} />
    </g>
  )
}

/** One node card; memoised so that panning into new ground only draws the new cards. */
export const PlanTreeCard = memo(function PlanTreeCard({ point, heat, selected, critical, folded, more, detailed, concealed = false, actions, own }: CardProps) {
  const f = point.data.flat
  // The catalog's partition counts, when the plan was explained on a connection.
  const partitions = usePlan((s) => s.origin?.partitions ?? null)
  if (concealed) return <ConcealedCard point={point} />
  const content = detailed ? cardContent(f, measureCardText, own, partitions) : null
  const { padding, titleY, targetY, figuresY, badgeY, badgeHeight } = cardGeometry
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
      {content && (
        <>
          <Line fitted={content.title} y={titleY} className="plan-node-title" font={cardFonts.title} />
          {content.share && (
            <text x={cardWidth - padding} y={titleY} textAnchor="end" className="plan-node-share" style={fontStyle(cardFonts.share)}>
              {content.share}
            </text>
          )}
          <Line fitted={content.target} y={targetY} className={content.targetFont.mono ? 'plan-node-target' : 'plan-node-note'} font={content.targetFont} />
          <Line fitted={content.figures} y={figuresY} className="plan-node-figures" font={cardFonts.figures} />
          {content.badges.map((b) => (
            <g key={b.text} className={`plan-badge plan-badge-${b.tone}`} transform={`translate(${b.x},${badgeY})`}>
              <title>{b.title}</title>
              <rect width={b.width} height={badgeHeight} rx={badgeHeight / 2} />
              <text x={b.width / 2} y={badgeHeight - 6} textAnchor="middle" style={fontStyle(cardFonts.badge)}>
                {b.text}
              </text>
            </g>
          ))}
        </>
      )}
      {more > 0 && <Badge label={`+${more} more children`} name={`Show ${more} more children`} group right onClick={() => actions.onExpandGroup(f.id)} detailed={detailed} />}
      {folded > 0 && <Badge label={`+${folded} hidden`} name={`Show ${folded} hidden nodes`} onClick={() => actions.onToggle(f.id)} detailed={detailed} />}
    </g>
  )
})

/** A "+N" pill under a card, as wide as its text. */
function Badge({ label, name, group = false, right = false, detailed, onClick }: { label: string; name: string; group?: boolean; right?: boolean; detailed: boolean; onClick: () => void }) {
  const width = Math.round(measureCardText(label, cardFonts.badge) + 20)
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
        <text x={width / 2} y={17} textAnchor="middle" style={fontStyle(cardFonts.badge)}>
          {label}
        </text>
      )}
    </g>
  )
}
