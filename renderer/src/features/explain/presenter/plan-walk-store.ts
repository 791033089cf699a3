/**
 * Where the presentation of the plan on screen stands: revealing step by
 * step, or every node shown. Tied to the plan it was made for (`planKey`): a
 * new plan starts with every node shown.
 */
import { create } from 'zustand'
import { showingEverything, type PlanWalk } from '@shared/explain/analyse/plan-walk'

interface PlanWalkState {
  planKey: number
  walk: PlanWalk
  setWalk: (planKey: number, walk: PlanWalk) => void
}

export const usePlanWalk = create<PlanWalkState>()((set) => ({
  planKey: -1,
  walk: showingEverything,
  setWalk: (planKey, walk) => set({ planKey, walk })
}))

/** The walk of plan `planKey`: a walk kept for an older plan does not apply. */
export function walkOf(state: Pick<PlanWalkState, 'planKey' | 'walk'>, planKey: number): PlanWalk {
  return state.planKey === planKey ? state.walk : showingEverything
}
