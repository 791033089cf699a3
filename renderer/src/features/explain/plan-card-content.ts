/**
 * What a node's card in the plan tree says, fitted to the card, DOM-free.
 *
 * Card sizes are constants (the layout never measures the DOM), so the text
 * is fitted to the card instead: a line too long for it ends in "…" and keeps
 * its whole text for a tooltip; it never runs out of its box. Sizes are
 * chosen so that the smallest text is 14 px at scale 1: a start scale down to
 * `minReadableScale` still draws every line at 13 px or more.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { misestimateWarnFactor, nodeWarnings, type WarningSeverity } from '@shared/explain/analyse/node-warnings'
import type { PartitionAncestry } from '@shared/explain/analyse/partition-catalog'
import { partitionPruning, type PartitionPruning } from '@shared/explain/analyse/partition-pruning'
import { windowDefinition } from '@shared/explain/analyse/window-definition'
import { fmtRows, misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'
import { cardHeight, cardWidth } from './plan-tree-layout'

export const cardFonts = {
  title: { size: 17, weight: 700, mono: false },
  share: { size: 16, weight: 700, mono: false },
  target: { size: 15, weight: 400, mono: true },
  /** The second line when it is words, not SQL: "3 of 13 partitions scanned". */
  note: { size: 15, weight: 600, mono: false },
  figures: { size: 15, weight: 400, mono: false },
  badge: { size: 14, weight: 700, mono: false }
} as const
export type CardFont = (typeof cardFonts)[keyof typeof cardFonts]

/** Where each line sits in a card (baselines) and how wide the card is. */
export const cardGeometry = { width: cardWidth, height: cardHeight, padding: 12, titleY: 25, targetY: 48, figuresY: 71, badgeY: 80, badgeHeight: 22, badgeGap: 6 } as const

/** The smallest scale whose smallest card text is still 13 px: fits never go below it. */
export const minReadableScale = 13 / Math.min(...Object.values(cardFonts).map((f) => f.size))

/** Width of `text` in `font`, in px at scale 1. */
export type MeasureText = (text: string, font: CardFont) => number

/** A generous guess of text widths for when there is no canvas to measure with (tests, workers). */
export const estimateTextWidth: MeasureText = (text, font) => text.length * font.size * (font.mono ? 0.6 : 0.62) * (font.weight >= 600 ? 1.08 : 1)

export interface FittedText {
  text: string
  /** The whole text, when `text` had to be cut. */
  full: string | null
}

/** `text` as is when it fits in `width`, else cut with "…" (whole words are not worth the lost room). */
export function fitText(text: string, width: number, font: CardFont, measure: MeasureText): FittedText {
  if (measure(text, font) <= width) return { text, full: null }
  let low = 0
  let high = text.length - 1
  // The longest prefix that fits with its ellipsis.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (measure(`${text.slice(0, mid).trimEnd()}…`, font) <= width) low = mid
    else high = mid - 1
  }
  return { text: low > 0 ? `${text.slice(0, low).trimEnd()}…` : '…', full: text }
}

export type BadgeTone = WarningSeverity | 'info'

export interface CardBadge {
  text: string
  /** What the badge stands for in full (its tooltip). */
  title: string
  tone: BadgeTone
  x: number
  width: number
}

export interface CardContent {
  title: FittedText
  /** Own time (or own cost) share of the plan, right on the title line: "44 %". */
  share: string | null
  target: FittedText
  targetFont: CardFont
  figures: FittedText
  badges: CardBadge[]
}

const percent = (p: number | null) => (p === null ? null : p >= 10 || p === 0 ? `${p.toFixed(0)} %` : `${p.toFixed(1)} %`)

/** The second line: what the node reads, or, where that says little, its window or its partitions. */
function targetLine(f: FlatNode, pruning: PartitionPruning | null): { text: string; font: CardFont } {
  if (pruning) return { text: pruning.headline, font: cardFonts.note }
  return { text: windowDefinition(f.node) ?? nodeTarget(f), font: cardFonts.target }
}

/** "121 ms · 54k of 48k rows × 3 loops" with ANALYZE; "own cost 1,234 · 48k rows est." without. */
function figuresLine(f: FlatNode, ownCost: number | null): string {
  const n = f.node
  const loops = n.loops && n.loops > 1 ? ` ×${fmtRows(n.loops)}` : ''
  if (f.exclusiveMs !== null) return `${ms(f.exclusiveMs)} · ${fmtRows(n.actualRows)} of ${fmtRows(n.planRows)} rows${loops}`
  if (n.actualRows !== null) return `${fmtRows(n.actualRows)} of ${fmtRows(n.planRows)} rows${loops}`
  return `own cost ${ownCost === null ? '?' : Math.round(ownCost).toLocaleString('en-US')} · ${fmtRows(n.planRows)} rows est.`
}

/** Badges left to right while they fit; those that do not are counted in a last "+N". */
function placeBadges(badges: Array<{ text: string; title: string; tone: BadgeTone }>, measure: MeasureText): CardBadge[] {
  const { width, padding, badgeGap } = cardGeometry
  const font = cardFonts.badge
  const room = width - 2 * padding
  const pill = (text: string) => measure(text, font) + 16
  const placed: CardBadge[] = []
  let x = padding
  for (let i = 0; i < badges.length; i++) {
    const badge = badges[i]!
    const left = badges.length - i - 1
    // Keep room for the "+N" of the badges after this one, if they will not fit.
    const reserve = left > 0 ? pill(`+${left}`) + badgeGap : 0
    const fitted = fitText(badge.text, room - (x - padding) - 16 - (i === badges.length - 1 ? 0 : reserve), font, measure)
    if (fitted.text === '…' || (fitted.full && placed.length > 0)) {
      const rest = badges.slice(i)
      placed.push({ text: `+${rest.length}`, title: rest.map((b) => b.title).join('\n'), tone: rest[0]!.tone, x, width: pill(`+${rest.length}`) })
      break
    }
    const w = pill(fitted.text)
    placed.push({ text: fitted.text, title: badge.title, tone: badge.tone, x, width: w })
    x += w + badgeGap
  }
  return placed
}

/**
 * The card of node `f`; `ownCost` and `costShare` (% of the root's cost) for plans that did not run;
 * `partitions`, the catalog's partition counts of a plan explained on a connection.
 */
export function cardContent(
  f: FlatNode,
  measure: MeasureText,
  own: { cost: number | null; costShare: number | null } = { cost: null, costShare: null },
  partitions: readonly PartitionAncestry[] | null = null
): CardContent {
  const { width, padding } = cardGeometry
  const room = width - 2 * padding
  const share = percent(f.exclusivePercent ?? own.costShare)
  const shareWidth = share ? measure(share, cardFonts.share) + 10 : 0
  // From 10× on, a misestimate is a warning badge; from 2×, a plain one (worth knowing, not alarming).
  const mis = f.misestimate && f.misestimate.factor >= misestimateWarnFactor ? '' : misestimateLabel(f)
  const figures = fitText(figuresLine(f, own.cost), room, cardFonts.figures, measure)
  const pruning = partitionPruning(f.node, partitions)
  const target = targetLine(f, pruning)
  const badges = [
    ...nodeWarnings(f).map((w) => ({ text: w.badge, title: w.message, tone: w.severity as BadgeTone })),
    ...(mis ? [{ text: `rows ${mis}`, title: `Rows ${f.misestimate!.direction === 'under' ? 'underestimated' : 'overestimated'} ${mis.split(' ')[0]!.slice(1)}×`, tone: 'info' as const }] : []),
    ...(pruning?.prunedAtPlanning ? [{ text: `${pruning.prunedAtPlanning} pruned at planning`, title: `${pruning.prunedAtPlanning} of ${pruning.table}'s partitions left out by the planner`, tone: 'info' as const }] : []),
    ...(pruning && pruning.removed > 0 ? [{ text: `Subplans Removed: ${pruning.removed}`, title: `${pruning.removed} partitions pruned as execution started`, tone: 'info' as const }] : [])
  ]
  return {
    title: fitText(nodeTitle(f), room - shareWidth, cardFonts.title, measure),
    share,
    target: fitText(target.text, room, target.font, measure),
    targetFont: target.font,
    figures,
    badges: placeBadges(badges, measure)
  }
}
