/** What the Vacuum tab asks the server: the report, what runs now, and VACUUM / ANALYZE of one table. */
import type { ExactBloatKind } from '@shared/vacuum/exact-bloat'
import type { MvccDemo, MvccDemoAction } from '@shared/vacuum/mvcc-demo'
import type { VacuumMode } from '@shared/vacuum/vacuum-report'
import { api } from '../../api/api'
import { useNotices } from '../../app-state/notice-store'
import { useVacuum, type VacuumServerState } from './vacuum-store'

/** The forecast and the rest: read every 30 s, so the catalog scan never sits in a 1 s loop. */
export const reportIntervalMs = 30_000
/** Progress bars: the pg_stat_progress_* views are tiny. */
export const runningIntervalMs = 2000
/** While the user's own VACUUM runs, its bar moves live. */
export const manualRunningIntervalMs = 500

export async function loadReport(connectionId: string): Promise<void> {
  const store = useVacuum.getState()
  store.update(connectionId, { loadingReport: true })
  try {
    const report = await api.request('vacuum.report', { connectionId })
    store.update(connectionId, { report, running: report, loadingReport: false })
  } catch (error) {
    store.update(connectionId, { loadingReport: false })
    useNotices.getState().report('Could not read the vacuum forecast', error)
  }
}

export async function loadRunning(connectionId: string): Promise<void> {
  try {
    const running = await api.request('vacuum.running', { connectionId })
    useVacuum.getState().update(connectionId, { running })
  } catch {
    // The next tick tries again; a lost connection is reported by the connection itself.
  }
}

export const modeLabels: Record<VacuumMode, string> = { vacuum: 'VACUUM', 'vacuum-analyze': 'VACUUM (ANALYZE)', analyze: 'ANALYZE' }

/** Runs after the user confirmed; progress shows through the running poll. */
export async function runMaintenance(connectionId: string, schema: string, table: string, mode: VacuumMode): Promise<void> {
  const store = useVacuum.getState()
  const startedAt = Date.now()
  store.update(connectionId, { manual: { schema, table, mode, startedAt } })
  const live = setInterval(() => void loadRunning(connectionId), manualRunningIntervalMs)
  try {
    const { durationMs } = await api.request('vacuum.run', { connectionId, schema, table, mode })
    store.update(connectionId, { manual: { schema, table, mode, startedAt, durationMs } })
  } catch (error) {
    store.update(connectionId, { manual: { schema, table, mode, startedAt, durationMs: Date.now() - startedAt, failed: true } })
    useNotices.getState().report(`${modeLabels[mode]} of ${schema}.${table} failed`, error)
  } finally {
    clearInterval(live)
  }
  await loadReport(connectionId)
}

/** The statistics-based bloat estimates, tables and indexes: on demand, never in a poll. */
export async function loadBloat(connectionId: string): Promise<void> {
  const store = useVacuum.getState()
  store.update(connectionId, { loadingBloat: true })
  try {
    const [bloat, indexBloat] = await Promise.all([api.request('vacuum.bloat', { connectionId }), api.request('vacuum.indexBloat', { connectionId })])
    store.update(connectionId, { bloat, indexBloat, loadingBloat: false })
  } catch (error) {
    store.update(connectionId, { loadingBloat: false })
    useNotices.getState().report('Could not estimate bloat', error)
  }
}

export const exactKey = (kind: ExactBloatKind, schema: string, name: string) => `${kind}:${schema}.${name}`

/** pgstattuple's exact figures for one relation, when the user asks (it reads every page). */
export async function loadExactBloat(connectionId: string, kind: ExactBloatKind, schema: string, name: string): Promise<void> {
  const key = exactKey(kind, schema, name)
  const setExact = (value: VacuumServerState['exact'][string]) => {
    const store = useVacuum.getState()
    store.update(connectionId, { exact: { ...store.servers[connectionId]?.exact, [key]: value } })
  }
  setExact('reading')
  try {
    setExact(await api.request('vacuum.exactBloat', { connectionId, schema, name, kind }))
  } catch (error) {
    setExact('failed')
    useNotices.getState().report(`Could not read the exact bloat of ${schema}.${name}`, error)
  }
}

/** One step of the sandbox's MVCC demo; null when it failed (a notice says why). */
export async function mvccDemoStep(connectionId: string, action: MvccDemoAction): Promise<MvccDemo | null> {
  try {
    return await api.request('vacuum.mvccDemo', { connectionId, action })
  } catch (error) {
    useNotices.getState().report('The MVCC demo step failed', error)
    return null
  }
}
