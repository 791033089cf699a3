/**
 * Runs as the workspace sees them: the latest snapshot of each run from
 * `query.progress`. Rows never live here: the grid pages them in.
 */
import { create } from 'zustand'
import type { QueryRunSnapshot } from '@shared/query/query-run'

interface QueryRunsState {
  runs: Record<string, QueryRunSnapshot>
}

export const useQueryRuns = create<QueryRunsState>()(() => ({ runs: {} }))

/** A newer snapshot of a run (from `query.progress`). */
export function applyRunProgress(snapshot: QueryRunSnapshot): void {
  useQueryRuns.setState((s) => ({ runs: { ...s.runs, [snapshot.runId]: snapshot } }))
}

/** The first snapshot of a run just started; progress that overtook it wins. */
export function trackRun(snapshot: QueryRunSnapshot): void {
  useQueryRuns.setState((s) => ({ runs: { [snapshot.runId]: s.runs[snapshot.runId] ?? snapshot, ...s.runs } }))
}

export function dropRun(runId: string): void {
  useQueryRuns.setState((s) => {
    const { [runId]: _gone, ...rest } = s.runs
    return { runs: rest }
  })
}
