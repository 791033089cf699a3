/**
 * The Plan tab's comparison: plan A and plan B, and the plan shown before the
 * current one (kept so a new Explain can be compared with the previous run).
 *
 * A slice of its own next to the plan store: it watches that store instead of
 * changing it, so the plan views stay as they are.
 */
import { create } from 'zustand'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { usePlan, type PlanOrigin } from '../plan-store'

export interface ComparedPlan {
  plan: ExplainPlan
  nodes: FlatNode[]
  origin: PlanOrigin | null
}

/** Which node the user picked: a row of the comparison, and the side they clicked. */
export interface CompareSelection {
  row: number
  side: 'a' | 'b'
}

interface PlanCompareState {
  /** The plan shown before the current one, if any. */
  previous: ComparedPlan | null
  /** The offer to compare with the previous plan was waved away. */
  offerDismissed: boolean
  /** 'picking': choosing plan B; 'comparing': A and B side by side. */
  mode: 'picking' | 'comparing' | null
  a: ComparedPlan | null
  b: ComparedPlan | null
  selection: CompareSelection | null
  error: { message: string; line?: number } | null
  pickB: () => void
  /** Plan B from pasted text, a file or a drop; A is the plan on screen. */
  compareWithText: (source: string, origin: PlanOrigin) => boolean
  /** A is the previous plan, B the one on screen (the newer run). */
  compareWithPrevious: () => void
  swap: () => void
  select: (selection: CompareSelection | null) => void
  dismissOffer: () => void
  close: () => void
}

function current(): ComparedPlan | null {
  const { plan, nodes, origin } = usePlan.getState()
  return plan ? { plan, nodes, origin } : null
}

export const usePlanCompare = create<PlanCompareState>()((set, get) => ({
  previous: null,
  offerDismissed: false,
  mode: null,
  a: null,
  b: null,
  selection: null,
  error: null,
  pickB: () => set({ mode: 'picking', error: null }),
  compareWithText: (source, origin) => {
    const parsed = parsePlan(source)
    if (!parsed.ok) {
      set({ error: parsed.error })
      return false
    }
    const plan = { ...parsed.plan, serverVersion: parsed.plan.serverVersion ?? origin.serverVersion ?? null }
    set({ mode: 'comparing', a: current(), b: { plan, nodes: planMetrics(plan), origin }, selection: null, error: null })
    return true
  },
  compareWithPrevious: () => {
    const previous = get().previous
    if (previous) set({ mode: 'comparing', a: previous, b: current(), selection: null, error: null, offerDismissed: true })
  },
  // The rows follow plan A's order, so a selection does not survive a swap.
  swap: () => set((s) => ({ a: s.b, b: s.a, selection: null })),
  select: (selection) => set({ selection }),
  dismissOffer: () => set({ offerDismissed: true }),
  close: () => set({ mode: null, a: null, b: null, selection: null, error: null })
}))

// A new plan on screen: the one it replaces becomes "previous", and a comparison in progress ends. Another
// editor tab's plan brought back by a tab switch is no "previous" of it: the offer goes.
usePlan.subscribe((state, before) => {
  if (state.plan === before.plan || !before.plan) return
  if (state.broughtBack) return usePlanCompare.setState({ previous: null, mode: null, a: null, b: null, selection: null })
  usePlanCompare.setState({ previous: { plan: before.plan, nodes: before.nodes, origin: before.origin }, offerDismissed: false, mode: null, a: null, b: null, selection: null })
})
