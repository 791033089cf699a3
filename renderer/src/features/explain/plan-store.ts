/**
 * The plan on screen: its source text, the parsed model and its metrics, the
 * selected node, and how it was obtained (pasted, or run from the editor and
 * rolled back).
 */
import { create } from 'zustand'
import type { AdviceItem } from '@shared/advice/advice-item'
import type { PartitionAncestry } from '@shared/explain/analyse/partition-catalog'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { defaultColourScale, type ColourScale } from './plan-emphasis'
import { openingFolds, preparePlanView } from './plan-preparation'
import { unpackPlan } from '@shared/explain/transfer/plan-parcel'
import { fillSourceLines } from '@shared/explain/read/source-lines'
import { parseOffThread } from './plan-parse-client'
import { inSlices } from './run-in-slices'
import { keepPlan, keptPlans, planOwner } from './plan-persistence'

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
  /** The catalog's partition counts, for a plan explained on a connection ("3 of 13 partitions scanned"). */
  partitions?: PartitionAncestry[]
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
  /** The plan on screen was brought back by a switch of editor tabs (`follow`), not just made: nothing new to compare. */
  broughtBack: boolean
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
  /**
   * The editor tab `ownerId` came forward: its own last plan is shown (the pasted one when it has none, nothing
   * when neither exists). Nothing is re-read when it is already on screen.
   */
  follow: (ownerId: string) => void
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

interface OwnedPlan {
  source: string
  origin: PlanOrigin
  /** Kept once read, so switching tabs back and forth does not parse again. */
  read?: { plan: ExplainPlan; nodes: FlatNode[] }
}

/** As many owners as the persistence keeps. */
const maxOwnedPlans = 8
/** Each owner's last plan (editor tab id, or 'pasted'), the most recent last; restored from what a reload kept. */
const lastPlans = new Map<string, OwnedPlan>(
  keptPlans()
    .reverse()
    .map((kept) => [kept.owner, { source: kept.source, origin: kept.origin }])
)

function rememberPlan(owned: OwnedPlan): void {
  const owner = planOwner(owned.origin)
  lastPlans.delete(owner)
  lastPlans.set(owner, owned)
  while (lastPlans.size > maxOwnedPlans) lastPlans.delete(lastPlans.keys().next().value!)
}

export const usePlan = create<PlanState>()((set, get) => {
  /** `keep`: a plan the user just got (kept across a reload); not one brought back by a tab switch. */
  const show = (source: string, origin: PlanOrigin, plan: ExplainPlan, nodes: FlatNode[], keep = true) => {
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
      broughtBack: !keep,
      readingNodes: null,
      planKey: s.planKey + 1,
      // Time, or cost when the plan has no time; a scale the user picked otherwise (rows, buffers…) stays.
      colourScale: s.colourScale === 'time' || s.colourScale === 'cost' ? defaultColourScale(nodes) : s.colourScale
    }))
    rememberPlan({ source, origin, read: { plan, nodes } })
    if (keep) keepPlan(source, origin)
  }
  const parseHere = (source: string, origin: PlanOrigin, keep = true): boolean => {
    // Source lines (the raw view's) are found when that view opens: the tree is drawn sooner without them.
    const parsed = parsePlan(source, { sourceLines: 'lazy' })
    if (!parsed.ok) {
      // Keep the text: the user fixes it where it is.
      set({ source, error: parsed.error, reading: false, readingNodes: null })
      return false
    }
    show(source, origin, parsed.plan, planMetrics(parsed.plan), keep)
    return true
  }
  const loadAs = (source: string, origin: PlanOrigin, keep: boolean): boolean => {
    const load = ++latestLoad
    if (readOnThePage(source)) return parseHere(source, origin, keep)
    set({ reading: true, readingNodes: null, error: null })
    const current = () => load === latestLoad
    void parseOffThread(source, (readingNodes) => current() && set({ readingNodes })).then(async (result) => {
      if (!current()) return
      // No worker (blocked, not loaded or crashed): read it here rather than not at all.
      if (result === null) parseHere(source, origin, keep)
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
        if (complete) show(source, origin, read.plan, read.nodes, keep)
        else parseHere(source, origin, keep)
      }
    })
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
    broughtBack: false,
    readingNodes: null,
    expandGroup: (id) => set((s) => ({ expanded: new Set([...s.expanded, id]) })),
    setColourScale: (colourScale) => set({ colourScale }),
    toggleCollapsed: (id) =>
      set((s) => {
        const collapsed = new Set(s.collapsed)
        if (!collapsed.delete(id)) collapsed.add(id)
        return { collapsed }
      }),
    load: (source, origin) => loadAs(source, origin, true),
    follow: (ownerId) => {
      const wanted = lastPlans.get(ownerId) ?? lastPlans.get('pasted')
      const { origin, source } = get()
      if (!wanted) {
        // Another tab's plan does not stand for this one; a paste being fixed (no origin) stays.
        if (origin) set({ source: '', plan: null, nodes: [], error: null, origin: null, selectedId: null, reading: false, readingNodes: null })
        return
      }
      if (origin && planOwner(origin) === planOwner(wanted.origin) && source === wanted.source) return
      if (wanted.read) {
        latestLoad++
        show(wanted.source, wanted.origin, wanted.read.plan, wanted.read.nodes, false)
      } else loadAs(wanted.source, wanted.origin, false)
    },
    select: (id) => set({ selectedId: id }),
    setView: (view) => {
      const { plan, source } = get()
      if (view === 'raw' && plan) fillSourceLines(plan, source)
      set({ view })
    }
  }
})

// A reload shows the last plan again (plan-persistence.ts keeps each tab's last one; `follow` brings the tab's own).
const latest = [...lastPlans.values()].at(-1)
if (latest) usePlan.getState().follow(planOwner(latest.origin))
