/**
 * The plan on screen: its source text, the parsed model and its metrics, the
 * selected node, and how it was obtained (pasted, or run from the editor and
 * rolled back).
 */
import { create } from 'zustand'
import { parsePlan } from '../../../../shared/explain/parse-plan'
import type { ExplainPlan } from '../../../../shared/explain/plan-model'
import { planMetrics, type FlatNode } from '../../../../shared/explain/plan-metrics'

export type PlanViewKind = 'tree' | 'grid' | 'icicle' | 'raw'

export interface PlanOrigin {
  kind: 'pasted' | 'explain' | 'analyze'
  statement?: string
  effect?: 'reads' | 'may-write' | 'writes'
  rolledBack?: boolean
  serverVersion?: string
}

interface PlanState {
  source: string
  plan: ExplainPlan | null
  nodes: FlatNode[]
  error: { message: string; line?: number } | null
  origin: PlanOrigin | null
  selectedId: number | null
  view: PlanViewKind
  load: (source: string, origin: PlanOrigin) => boolean
  select: (id: number | null) => void
  setView: (view: PlanViewKind) => void
}

export const usePlan = create<PlanState>()((set) => ({
  source: '',
  plan: null,
  nodes: [],
  error: null,
  origin: null,
  selectedId: null,
  view: 'tree',
  load: (source, origin) => {
    const parsed = parsePlan(source)
    if (!parsed.ok) {
      // Keep the text: the user fixes it where it is.
      set({ source, error: parsed.error })
      return false
    }
    const plan = { ...parsed.plan, serverVersion: parsed.plan.serverVersion ?? origin.serverVersion ?? null }
    set({ source, plan, nodes: planMetrics(plan), error: null, origin, selectedId: 0 })
    return true
  },
  select: (id) => set({ selectedId: id }),
  setView: (view) => set({ view })
}))
