/**
 * The plan on screen: its source text, the parsed model and its metrics, the
 * selected node, and how it was obtained (pasted, or run from the editor and
 * rolled back).
 */
import { create } from 'zustand'
import type { AdviceItem } from '@shared/advice/advice-item'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { defaultColourScale, type ColourScale } from './plan-emphasis'
import { openingFolds, preparePlanView } from './plan-preparation'
import { unpackPlan } from '@shared/explain/transfer/plan-parcel'
import { fillSourceLines } from '@shared/explain/read/source-lines'
import { parseOffThread } from './plan-parse-client'
import { inSlices } from './run-in-slices'
import { keepPlan, latestKeptPlan } from './plan-persistence'

export type PlanViewKind = 'tree' | 'grid' | 'icicle' | 'raw'

export interface PlanOrigin {
  kind: 'pasted' | 'explain' | 'analyze'
  statement?: string
  effect?: 'reads' | 'may-write' | 'writes'
  rolledBack?: boolean
  /** What the rollback could not undo (nextval, an advisory lock…). */
  notUndone?: string[]
  serverVersion?: string
  /** The connection an explain ran on (verify and apply act there). */
  connectionId?: string
  /** Advice that came with the plan from the editor's explain. */
  advice?: AdviceItem[]
  /** The editor tab whose Explain made it (plans are kept per tab across reloads). */
  ownerId?: string
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
  /** The node details beside the views; hidden to give a room the whole width. */
  detailsShown: boolean
  toggleDetails: () => void
  /** The advice panel beside the views. */
  adviceShown: boolean
  toggleAdvice: () => void
  /** Counts the plans shown: what the advice panel keys its advice on. */
  planKey: number
  /** Nodes whose children are hidden (cheap subtrees of big plans start folded). */
  collapsed: ReadonlySet<number>
  /** Parents whose many children are all shown (otherwise only the costliest few). */
  expanded: ReadonlySet<number>
  expandGroup: (id: number) => void
  setColourScale: (scale: ColourScale) => void
  toggleCollapsed: (id: number) => void
  /** True while a big plan is read off the UI thread (the previous plan, if any, stays on screen meanwhile). */
  reading: boolean
  /** How many nodes the plan being read has, once the worker knows. */
  readingNodes: number | null
  /**
   * Shows `source`. Returns false when it is not a plan (the error is set). A
   * big plan is read in a worker: the call returns true at once, and the plan
   * (or the error, with no plan) is set when it is read.
   */
  load: (source: string, origin: PlanOrigin) => boolean
  select: (id: number | null) => void
  setView: (view: PlanViewKind) => void
}

/**
 * Plans this big are read in a worker (parse and metrics), so the page stays
 * usable. Smaller ones are read here, where they open sooner: the worker's
 * round trip (packing, unpacking, a task per step) about doubles the time to
 * the first frame, and here they freeze the page for under about 0.2 s. JSON
 * (about 700 characters a node with ANALYZE, BUFFERS): 8 MB, some 11,000
 * nodes. Text is read line by line, several times slower a node than the
 * native JSON.parse: 1 MB, some 3,000 nodes. Measured
 * with `npm run bench -- plan-render` (TUSK_BENCH_PLAN_WORKER=always|never, see
 * docs/architecture.md); benches move them to measure both sides.
 */
export const planWorkerThreshold = { jsonChars: 8_000_000, textChars: 1_000_000 }
const isRawJson = (source: string) => /^[\s\uFEFF]*[[{]/.test(source.slice(0, 1000))
const readOnThePage = (source: string) => source.length < (isRawJson(source) ? planWorkerThreshold.jsonChars : planWorkerThreshold.textChars)
/** The latest load: a slower, older read that finishes after it is dropped. */
let latestLoad = 0

export const usePlan = create<PlanState>()((set, get) => {
  const show = (source: string, origin: PlanOrigin, plan: ExplainPlan, nodes: FlatNode[]) => {
    const shown = { ...plan, serverVersion: plan.serverVersion ?? origin.serverVersion ?? null }
    if (get().view === 'raw') fillSourceLines(shown, source)
    set((s) => ({
      source,
      plan: shown,
      nodes,
      error: null,
      origin,
      selectedId: 0,
      collapsed: openingFolds(nodes),
      expanded: new Set(),
      reading: false,
      readingNodes: null,
      planKey: s.planKey + 1,
      // Time, or cost when the plan has no time; a scale the user picked otherwise (rows, buffers…) stays.
      colourScale: s.colourScale === 'time' || s.colourScale === 'cost' ? defaultColourScale(nodes) : s.colourScale
    }))
    keepPlan(source, origin)
  }
  const parseHere = (source: string, origin: PlanOrigin): boolean => {
    // Source lines (the raw view's) are found when that view opens: the tree is drawn sooner without them.
    const parsed = parsePlan(source, { sourceLines: 'lazy' })
    if (!parsed.ok) {
      // Keep the text: the user fixes it where it is.
      set({ source, error: parsed.error, reading: false, readingNodes: null })
      return false
    }
    show(source, origin, parsed.plan, planMetrics(parsed.plan))
    return true
  }
  return {
    source: '',
    plan: null,
    nodes: [],
    error: null,
    origin: null,
    selectedId: null,
    view: 'tree',
    colourScale: 'time',
    detailsShown: true,
    toggleDetails: () => set((s) => ({ detailsShown: !s.detailsShown })),
    adviceShown: true,
    toggleAdvice: () => set((s) => ({ adviceShown: !s.adviceShown })),
    planKey: 0,
    collapsed: new Set(),
    expanded: new Set(),
    reading: false,
    readingNodes: null,
    expandGroup: (id) => set((s) => ({ expanded: new Set([...s.expanded, id]) })),
    setColourScale: (colourScale) => set({ colourScale }),
    toggleCollapsed: (id) =>
      set((s) => {
        const collapsed = new Set(s.collapsed)
        if (!collapsed.delete(id)) collapsed.add(id)
        return { collapsed }
      }),
    load: (source, origin) => {
      const load = ++latestLoad
      if (readOnThePage(source)) return parseHere(source, origin)
      set({ reading: true, readingNodes: null, error: null })
      const current = () => load === latestLoad
      void parseOffThread(source, (readingNodes) => current() && set({ readingNodes })).then(async (result) => {
        if (!current()) return
        // No worker (blocked, not loaded or crashed): read it here rather than not at all.
        if (result === null) parseHere(source, origin)
        // No plan, so the view shows the text with the error where the user can fix it.
        else if (!result.ok) set({ source, plan: null, nodes: [], error: result.error, reading: false, readingNodes: null })
        else {
          // Unpacked a few thousand nodes at a time, so the page answers clicks and keys meanwhile.
          const read = await inSlices(unpackPlan(result.parcel), current)
          // Then what the first render derives from it (folds, heats, layout), a task each.
          if (read === null || (await inSlices(preparePlanView(read.nodes), current)) === null) return
          // The attributes (written by the worker meanwhile) before the cards read them; a worker lost on the way: read here.
          const complete = await result.complete
          if (!current()) return
          if (complete) show(source, origin, read.plan, read.nodes)
          else parseHere(source, origin)
        }
      })
      return true
    },
    select: (id) => set({ selectedId: id }),
    setView: (view) => {
      const { plan, source } = get()
      if (view === 'raw' && plan) fillSourceLines(plan, source)
      set({ view })
    }
  }
})

// A reload shows the last plan again (plan-persistence.ts keeps each tab's last one).
const kept = latestKeptPlan()
if (kept) usePlan.getState().load(kept.source, kept.origin)
