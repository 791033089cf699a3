/**
 * The Vacuum tab's state per connection: the slow report (forecast,
 * wraparound, xmin holders), the quick "running now" read, and the manual
 * VACUUM/ANALYZE the user started.
 */
import { create } from 'zustand'
import type { TableBloat } from '@shared/vacuum/bloat-estimate'
import type { VacuumMode, VacuumReport, VacuumRunning } from '@shared/vacuum/vacuum-report'

export interface ManualRun {
  schema: string
  table: string
  mode: VacuumMode
  startedAt: number
  /** Set once it ended. */
  durationMs?: number
  failed?: boolean
}

export interface VacuumServerState {
  report: VacuumReport | null
  running: VacuumRunning | null
  loadingReport: boolean
  manual: ManualRun | null
  /** Read on demand only; null until asked. */
  bloat: TableBloat[] | null
  loadingBloat: boolean
}

const empty: VacuumServerState = { report: null, running: null, loadingReport: false, manual: null, bloat: null, loadingBloat: false }

interface VacuumStore {
  servers: Record<string, VacuumServerState>
  update: (connectionId: string, change: Partial<VacuumServerState>) => void
}

export const useVacuum = create<VacuumStore>()((set) => ({
  servers: {},
  update: (connectionId, change) => set((s) => ({ servers: { ...s.servers, [connectionId]: { ...(s.servers[connectionId] ?? empty), ...change } } }))
}))

export const selectVacuumServer = (connectionId: string | null) => (s: VacuumStore): VacuumServerState => (connectionId ? (s.servers[connectionId] ?? empty) : empty)
