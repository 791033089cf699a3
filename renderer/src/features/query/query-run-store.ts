/**
 * Runs as the workspace sees them: `query.start`'s snapshot of each run, with
 * every `query.progress` delta folded in. Rows never live here: the grid pages them in.
 */
import { create } from 'zustand'
import { applyRunProgress, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'
import type { PageRow } from './page-cache'

interface QueryRunsState {
  runs: Record<string, QueryRunSnapshot>
}

export const useQueryRuns = create<QueryRunsState>()(() => ({ runs: {} }))

/** Deltas that overtook their run's snapshot (the start's answer), folded in when it comes. */
const early = new Map<string, QueryRunProgress[]>()
/** Runs whose deltas are waited for at most: deltas of runs nobody tracks are not kept forever. */
const maxEarlyRuns = 20

/**
 * Each result's first rows as its progress events brought them, per run: the grid's first page before it asks
 * for one. Outside the store (rows never live in zustand), bounded like `early`.
 */
const firstRowsByRun = new Map<string, Map<number, PageRow[]>>()

/** The first rows of a run's result that came with its progress, if any. */
export function firstRowsOf(runId: string, resultIndex: number): PageRow[] | undefined {
  return firstRowsByRun.get(runId)?.get(resultIndex)
}

function keepFirstRows(progress: QueryRunProgress): void {
  if (!progress.firstRows) return
  const byResult = firstRowsByRun.get(progress.runId) ?? new Map<number, PageRow[]>()
  for (const { index, rows } of progress.firstRows) byResult.set(index, rows)
  firstRowsByRun.set(progress.runId, byResult)
  if (firstRowsByRun.size > maxEarlyRuns) firstRowsByRun.delete(firstRowsByRun.keys().next().value!)
}

/** What changed in a run (from `query.progress`). */
export function receiveRunProgress(progress: QueryRunProgress): void {
  // Before the store changes: the render it causes draws these rows.
  keepFirstRows(progress)
  const run = useQueryRuns.getState().runs[progress.runId]
  if (run) {
    useQueryRuns.setState((s) => ({ runs: { ...s.runs, [progress.runId]: applyRunProgress(run, progress) } }))
    return
  }
  const waiting = early.get(progress.runId) ?? []
  waiting.push(progress)
  early.set(progress.runId, waiting)
  if (early.size > maxEarlyRuns) early.delete(early.keys().next().value!)
}

/** The first snapshot of a run just started; deltas that overtook it are folded in. */
export function trackRun(snapshot: QueryRunSnapshot): void {
  const folded = (early.get(snapshot.runId) ?? []).reduce(applyRunProgress, snapshot)
  early.delete(snapshot.runId)
  useQueryRuns.setState((s) => ({ runs: { [snapshot.runId]: folded, ...s.runs } }))
}

/**
 * A run fetched whole after lost events, with the events that came meanwhile (those it already holds are
 * skipped). Without it (the run is gone from the main process), the held events are folded as they are.
 */
export function catchUpRun(current: QueryRunSnapshot | null, held: QueryRunProgress[]): void {
  useQueryRuns.setState((s) => {
    const known = s.runs[held[0]?.runId ?? current?.runId ?? '']
    if (!known) return s
    const base = current && current.progressSeq >= known.progressSeq ? current : known
    return { runs: { ...s.runs, [known.runId]: held.reduce(applyRunProgress, base) } }
  })
}

export function dropRun(runId: string): void {
  early.delete(runId)
  firstRowsByRun.delete(runId)
  useQueryRuns.setState((s) => {
    const { [runId]: _gone, ...rest } = s.runs
    return { runs: rest }
  })
}
