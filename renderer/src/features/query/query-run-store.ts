/**
 * Runs as the workspace sees them: `query.start`'s snapshot of each run, with
 * every `query.progress` delta folded in. Rows never live here: the grid pages them in.
 */
import { create } from 'zustand'
import { applyRunProgress, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'

interface QueryRunsState {
  runs: Record<string, QueryRunSnapshot>
}

export const useQueryRuns = create<QueryRunsState>()(() => ({ runs: {} }))

/** Deltas that overtook their run's snapshot (the start's answer), folded in when it comes. */
const early = new Map<string, QueryRunProgress[]>()
/** Runs whose deltas are waited for at most: deltas of runs nobody tracks are not kept forever. */
const maxEarlyRuns = 20

/** What changed in a run (from `query.progress`). */
export function receiveRunProgress(progress: QueryRunProgress): void {
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
  useQueryRuns.setState((s) => {
    const { [runId]: _gone, ...rest } = s.runs
    return { runs: rest }
  })
}
