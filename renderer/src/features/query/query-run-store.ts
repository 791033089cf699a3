/**
 * Runs as the workspace sees them: the latest snapshot of each run from
 * `query.progress`. Rows never live here: the grid pages them in.
 */
import { create } from 'zustand'
import type { QueryRunSnapshot } from '@shared/query/query-run'
import { api } from '../../api/api'

interface QueryRunsState {
  runs: Record<string, QueryRunSnapshot>
  start: () => () => void
  track: (snapshot: QueryRunSnapshot) => void
  forget: (runId: string) => void
}

export const useQueryRuns = create<QueryRunsState>()((set) => ({
  runs: {},
  start: () => api.subscribe('query.progress', (snapshot) => set((s) => ({ runs: { ...s.runs, [snapshot.runId]: snapshot } }))),
  track: (snapshot) => set((s) => ({ runs: { [snapshot.runId]: s.runs[snapshot.runId] ?? snapshot, ...s.runs } })),
  forget: (runId) => {
    void api.request('query.release', { runId }).catch(() => undefined)
    set((s) => {
      const { [runId]: _gone, ...rest } = s.runs
      return { runs: rest }
    })
  }
}))
