/**
 * The Vacuum tab's state per connection: the slow report (forecast,
 * wraparound, xmin holders), the quick "running now" read, and the manual
 * VACUUM/ANALYZE the user started.
 */
import { create } from 'zustand'
import type { TableBloat } from '@shared/vacuum/bloat-estimate'
import type { ExactBloat } from '@shared/vacuum/exact-bloat'
import type { IndexBloat } from '@shared/vacuum/index-bloat-estimate'
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
  indexBloat: IndexBloat[] | null
  loadingBloat: boolean
  /** pgstattuple's figures per relation (`table:schema.name`, `index:schema.name`), read one at a time when asked. */
  exact: Record<string, ExactBloat | 'reading' | 'failed'>
}

const empty: VacuumServerState = { report: null, running: null, loadingReport: false, manual: null, bloat: null, indexBloat: null, loadingBloat: false, exact: {} }

interface VacuumStore {
  servers: Record<string, VacuumServerState>
  update: (connectionId: string, change: Partial<VacuumServerState>) => void
}

export const useVacuum = create<VacuumStore>()((set) => ({
  servers: {},
  update: (connectionId, change) => set((s) => ({ servers: { ...s.servers, [connectionId]: { ...(s.servers[connectionId] ?? empty), ...change } } }))
}))

export const selectVacuumServer = (connectionId: string | null) => (s: VacuumStore): VacuumServerState => (connectionId ? (s.servers[connectionId] ?? empty) : empty)
