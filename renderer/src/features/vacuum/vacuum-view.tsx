/**
 * The Vacuum tab: what runs now (polled every 2 s), when autovacuum will next
 * run on each table and why not yet, wraparound ages and the xmin holders
 * (read every 30 s: a catalog scan stays out of the fast loop).
 */
import { useEffect } from 'react'
import { selectConnectedId, selectConnection, useConnectionPresence, useConnections } from '../../app-state/connections-store'
import { presenceMessage } from '../../app-state/connections-state'
import { formatMs } from '../../ui/elapsed-time'
import { loadBloat, loadExactBloat, loadReport, loadRunning, modeLabels, reportIntervalMs, runMaintenance, runningIntervalMs } from './vacuum-actions'
import { sandboxConnectionId } from '@shared/sandbox/sandbox-status'
import { MvccDemoPanel } from './mvcc-demo-panel'
import { VacuumBloatPanel } from './vacuum-bloat-panel'
import { VacuumForecastTable } from './vacuum-forecast-table'
import { WraparoundPanel, XminHoldersPanel } from './vacuum-health-panels'
import { VacuumRunningPanel } from './vacuum-running-panel'
import { selectVacuumServer, useVacuum } from './vacuum-store'
import { ago } from './vacuum-format'

export function VacuumView({ active }: { active: boolean }) {
  const connectionId = useConnections(selectConnectedId)
  // What the sidebar says (Reconnecting…, Not connected), not a generic "connect first".
  const presence = useConnectionPresence()
  const readOnly = useConnections((s) => selectConnection(connectionId)(s)?.profile.readOnly ?? false)
  const server = useVacuum(selectVacuumServer(connectionId))

  useEffect(() => {
    if (!active || !connectionId) return
    void loadReport(connectionId)
    const slow = setInterval(() => void loadReport(connectionId), reportIntervalMs)
    const quick = setInterval(() => void loadRunning(connectionId), runningIntervalMs)
    return () => {
      clearInterval(slow)
      clearInterval(quick)
    }
  }, [active, connectionId])

  if (!connectionId) return <p className="muted activity-empty" role="status">{presenceMessage(presence, 'see its vacuum forecast')}</p>
  const { report, running, manual } = server
  const manualBusy = manual !== null && manual.durationMs === undefined
  return (
    <section className="vacuum-view" aria-label="Vacuum">
      <div className="vacuum-toolbar">
        {report && !(report.autovacuum && report.trackCounts) && (
          <span className="badge badge-off">{!report.trackCounts ? 'track_counts is off' : 'autovacuum is off'}: only wraparound vacuums run</span>
        )}
        {report && (
          <span className="muted">
            Forecast read {ago(report.takenAt)} in {formatMs(report.queryMs)} · refreshed every {reportIntervalMs / 1000} s · naptime {report.naptimeSeconds} s
          </span>
        )}
        {readOnly && <span className="badge badge-readonly">read-only: no VACUUM from here</span>}
        <span className="spacer" />
        {manual && (
          <span className={manual.failed ? 'vacuum-manual failed' : 'vacuum-manual'} data-testid="vacuum-manual">
            {modeLabels[manual.mode]} {manual.schema}.{manual.table}: {manual.durationMs === undefined ? 'running…' : manual.failed ? 'failed' : `done in ${formatMs(manual.durationMs)}`}
          </span>
        )}
        <button type="button" onClick={() => void loadReport(connectionId)} disabled={server.loadingReport}>
          {server.loadingReport ? 'Reading…' : 'Refresh now'}
        </button>
      </div>
      <VacuumRunningPanel running={running} />
      {report ? (
        <>
          <VacuumForecastTable
            tables={report.tables}
            readOnly={readOnly}
            busy={manualBusy}
            onRun={(t, mode) => void runMaintenance(connectionId, t.schema, t.table, mode)}
          />
          <div className="vacuum-health">
            <WraparoundPanel databases={report.databases} tables={report.tables} />
            <XminHoldersPanel holders={report.xminHolders} />
          </div>
          <VacuumBloatPanel
            bloat={server.bloat}
            indexBloat={server.indexBloat}
            exact={server.exact}
            loading={server.loadingBloat}
            onEstimate={() => void loadBloat(connectionId)}
            onExact={(kind, schema, name) => void loadExactBloat(connectionId, kind, schema, name)}
          />
          {connectionId === sandboxConnectionId && !readOnly && <MvccDemoPanel connectionId={connectionId} />}
        </>
      ) : (
        <p className="muted">Reading the forecast…</p>
      )}
    </section>
  )
}
