/**
 * How the comparison words its figures: "−92 %", "×12", "1 → 50k",
 * "×71 faster". Pure, so the view stays a layout.
 */
import type { Delta, Speed } from '@shared/explain/analyse/plan-compare'
import type { PlanOrigin } from '../plan-store'
import { ms } from '../plan-format'
import { fmtRows } from '../plan-format'

function times(factor: number): string {
  return `×${factor >= 10 ? factor.toFixed(0) : factor.toFixed(1)}`
}

/**
 * A change as a share: "−92 %", "+35 %"; as a factor beyond ten times less or
 * twice as much ("÷180", "×12"), where a share would hide the size; "≈" within
 * the noise; '' when unknown.
 */
export function changeLabel(d: Delta, format: (value: number | null) => string = fmtRows): string {
  if (d.verdict === 'unknown') return ''
  if (d.verdict === 'same') return '≈'
  if (d.ratio === null) return `+${format(d.change)}`
  if (d.ratio < 0.1) return `÷${(1 / d.ratio).toFixed(0)}`
  if (d.ratio < 1) return `−${Math.round((1 - d.ratio) * 100)} %`
  if (d.ratio < 2) return `+${Math.round((d.ratio - 1) * 100)} %`
  return times(d.ratio)
}

/** "1 → 50k", or the one figure when both sides agree. */
export function fromTo(d: Delta, format: (value: number | null) => string = fmtRows): string {
  if (d.a === null && d.b === null) return '—'
  if (d.verdict === 'same' && d.a === d.b) return format(d.a)
  return `${format(d.a)} → ${format(d.b)}`
}

/** "12.3 ms → 0.8 ms". */
export const msFromTo = (d: Delta): string => `${ms(d.a)} → ${ms(d.b)}`

export function speedLabel(speed: Speed | null): string {
  if (!speed) return ''
  if (speed.direction === 'same') return 'about the same'
  const cheaper = speed.basis === 'estimated cost'
  const word = speed.direction === 'faster' ? (cheaper ? 'cheaper' : 'faster') : cheaper ? 'costlier' : 'slower'
  return `${times(speed.factor)} ${word}`
}

/** "Explain Analyze · select * from loans where …" */
export function originLabel(origin: PlanOrigin | null): string {
  const kind = origin?.kind === 'analyze' ? 'Explain Analyze' : origin?.kind === 'explain' ? 'Explain' : 'Pasted plan'
  const statement = origin?.statement?.replace(/\s+/g, ' ').trim()
  return statement ? `${kind} · ${statement.length > 90 ? `${statement.slice(0, 89)}…` : statement}` : kind
}
