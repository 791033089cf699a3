/**
 * The plan on screen: its source text, the parsed model and its metrics, the
 * selected node, and how it was obtained (pasted, or run from the editor and
 * rolled back).
 */
import { create } from 'zustand'
import { parsePlan } from '../../../../shared/explain/parse-plan'
import type { ExplainPlan } from '../../../../shared/explain/plan-model'
import { planMetrics, type FlatNode } from '../../../../shared/explain/plan-metrics'
import { autoCollapsed, type ColourScale } from '../../../../shared/explain/plan-emphasis'

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
  colourScale: ColourScale
  /** Nodes whose children are hidden (cheap subtrees of big plans start folded). */
  collapsed: ReadonlySet<number>
  /** Parents whose many children are all shown (otherwise only the costliest few). */
  expanded: ReadonlySet<number>
  expandGroup: (id: number) => void
  setColourScale: (scale: ColourScale) => void
  toggleCollapsed: (id: number) => void
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
  colourScale: 'time',
  collapsed: new Set(),
  expanded: new Set(),
  expandGroup: (id) => set((s) => ({ expanded: new Set([...s.expanded, id]) })),
  setColourScale: (colourScale) => set({ colourScale }),
  toggleCollapsed: (id) =>
    set((s) => {
      const collapsed = new Set(s.collapsed)
      if (!collapsed.delete(id)) collapsed.add(id)
      return { collapsed }
    }),
  load: (source, origin) => {
    const parsed = parsePlan(source)
    if (!parsed.ok) {
      // Keep the text: the user fixes it where it is.
      set({ source, error: parsed.error })
      return false
    }
    const plan = { ...parsed.plan, serverVersion: parsed.plan.serverVersion ?? origin.serverVersion ?? null }
    const nodes = planMetrics(plan)
    set({ source, plan, nodes, error: null, origin, selectedId: 0, collapsed: autoCollapsed(nodes), expanded: new Set() })
    return true
  },
  select: (id) => set({ selectedId: id }),
  setView: (view) => set({ view })
}))
