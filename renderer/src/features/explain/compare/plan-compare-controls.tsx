/**
 * What the Plan tab shows of the comparison when it is not comparing: the
 * "Compare with…" button, the offer to compare a new plan with the previous
 * one, and the comparison itself in place of the plan views.
 */
import { ms } from '../plan-format'
import { originLabel } from './compare-format'
import { PlanComparePicker } from './plan-compare-picker'
import { usePlanCompare } from './plan-compare-store'
import { PlanCompareView } from './plan-compare-view'

export function PlanCompareButton() {
  return (
    <button className="small-button" onClick={() => usePlanCompare.getState().pickB()}>
      Compare with…
    </button>
  )
}

export function PlanCompareOffer() {
  const { previous, offerDismissed } = usePlanCompare()
  if (!previous || offerDismissed) return null
  const { compareWithPrevious, dismissOffer } = usePlanCompare.getState()
  return (
    <div className="compare-offer">
      <span>
        The previous plan is kept: <span className="muted">{originLabel(previous.origin)}</span>
        {previous.plan.executionTimeMs !== null && <strong> · {ms(previous.plan.executionTimeMs)}</strong>}
      </span>
      <button className="primary-soft small-button" onClick={compareWithPrevious}>
        Compare with previous
      </button>
      <button className="icon-button" aria-label="Dismiss the offer to compare" onClick={dismissOffer}>
        ×
      </button>
    </div>
  )
}

export const useComparing = () => usePlanCompare((s) => s.mode !== null)

export function PlanCompareMode() {
  const mode = usePlanCompare((s) => s.mode)
  return mode === 'picking' ? <PlanComparePicker /> : <PlanCompareView />
}
