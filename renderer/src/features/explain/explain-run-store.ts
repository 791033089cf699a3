/**
 * Explains on their way from the editor: at most one per editor tab (its
 * owner), with its start time for the running timer.
 */
import { create } from 'zustand'

export interface ExplainRun {
  explainId: string
  analyze: boolean
  startedAt: number
}

interface ExplainRunsState {
  byOwner: Record<string, ExplainRun>
}

export const useExplainRuns = create<ExplainRunsState>()(() => ({ byOwner: {} }))

export function setExplainRun(ownerId: string, run: ExplainRun): void {
  useExplainRuns.setState((s) => ({ byOwner: { ...s.byOwner, [ownerId]: run } }))
}

/** Clears the owner's explain if it is still `explainId` (a newer one stays). */
export function clearExplainRun(ownerId: string, explainId: string): void {
  useExplainRuns.setState((s) => {
    if (s.byOwner[ownerId]?.explainId !== explainId) return s
    const { [ownerId]: _done, ...rest } = s.byOwner
    return { byOwner: rest }
  })
}
