/**
 * One row per table: how far it is to its next autovacuum and analyze, why
 * not yet, and the manual VACUUM / ANALYZE buttons (after a confirm).
 */
import { Fragment, useMemo, useState } from 'react'
import type { VacuumMode, VacuumTable } from '@shared/vacuum/vacuum-report'
import { ConfirmDialog } from '../../ui/confirm-dialog'
import { modeLabels } from './vacuum-actions'
import { ago, count } from './vacuum-format'
import { ProgressBar } from './progress-bar'

const systemSchemas = new Set(['pg_catalog', 'information_schema', 'pg_toast'])
const shownRows = 200

interface Props {
  tables: VacuumTable[]
  readOnly: boolean
  busy: boolean
  onRun: (table: VacuumTable, mode: VacuumMode) => void
}

function tone(t: VacuumTable): 'due' | 'wraparound' | 'off' | undefined {
  if (t.wraparoundDue) return 'wraparound'
  if (t.vacuumDue) return 'due'
  if (!t.autovacuumEnabled) return 'off'
  return undefined
}

export function VacuumForecastTable({ tables, readOnly, busy, onRun }: Props) {
  const [filter, setFilter] = useState('')
  const [withSystem, setWithSystem] = useState(false)
  const [confirming, setConfirming] = useState<{ table: VacuumTable; mode: VacuumMode } | null>(null)
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    return tables
      .filter((t) => withSystem || !systemSchemas.has(t.schema))
      .filter((t) => !needle || `${t.schema}.${t.table}`.toLowerCase().includes(needle) || (t.toastOf ?? '').toLowerCase().includes(needle))
      .sort((a, b) => Number(b.wraparoundDue) - Number(a.wraparoundDue) || (b.vacuumProgress ?? -1) - (a.vacuumProgress ?? -1))
  }, [tables, filter, withSystem])
  const due = tables.filter((t) => t.vacuumDue).length

  return (
    <section className="vacuum-section" aria-label="Autovacuum forecast">
      <header className="vacuum-section-header">
        <h3>Next autovacuum</h3>
        <span className="muted">
          {due} of {tables.length} tables due now
        </span>
        <span className="spacer" />
        <input type="search" placeholder="Filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter tables" />
        <label>
          <input type="checkbox" checked={withSystem} onChange={(e) => setWithSystem(e.target.checked)} /> System and TOAST tables
        </label>
      </header>
      <div className="vacuum-table-scroll">
        <table className="vacuum-table">
          <thead>
            <tr>
              <th>Table</th>
              <th className="num">Live</th>
              <th className="num">Dead</th>
              <th className="num" title="Rows inserted since the last vacuum">
                Inserted
              </th>
              <th className="num" title="Rows changed since the last analyze">
                Changed
              </th>
              <th>Next vacuum</th>
              <th>Next analyze</th>
              <th>Run now</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shownRows).map((t) => {
              const name = `${t.schema}.${t.table}`
              return (
                <Fragment key={name}>
                <tr className="vacuum-row" data-testid={`vacuum-row-${name}`}>
                  <td className="vacuum-name">
                    <span className="vacuum-table-name">{name}</span>
                    {t.toastOf && <span className="muted"> (TOAST of {t.toastOf})</span>}
                  </td>
                  <td className="num">{count(t.liveTuples)}</td>
                  <td className="num">{count(t.deadTuples)}</td>
                  <td className="num">{count(t.insertsSinceVacuum)}</td>
                  <td className="num">{count(t.modsSinceAnalyze)}</td>
                  <td>
                    <ProgressBar value={t.vacuumProgress} label={`${name}: way to the next autovacuum`} tone={tone(t)} />
                  </td>
                  <td>
                    <ProgressBar value={t.analyzeProgress} label={`${name}: way to the next autoanalyze`} tone={t.analyzeDue ? 'due' : undefined} />
                  </td>
                  <td className="vacuum-actions">
                    {(['vacuum', 'vacuum-analyze', 'analyze'] as const).map((mode) => (
                      <button
                        key={mode}
                        type="button"
                        disabled={readOnly || busy || (mode !== 'vacuum' && t.relkind === 't')}
                        title={readOnly ? 'This connection is read-only' : `${modeLabels[mode]} ${name}`}
                        onClick={() => setConfirming({ table: t, mode })}
                      >
                        {mode === 'vacuum' ? 'Vacuum' : mode === 'analyze' ? 'Analyze' : 'Both'}
                      </button>
                    ))}
                  </td>
                </tr>
                <tr className="vacuum-why" data-testid={`vacuum-why-${name}`}>
                  <td colSpan={8}>
                    {t.reason}
                    <span className="vacuum-when">
                      {' '}
                      · autovacuum {ago(t.lastAutovacuum)} ({t.autovacuumCount}×) · vacuum {ago(t.lastVacuum)} · autoanalyze {ago(t.lastAutoanalyze)}
                    </span>
                  </td>
                </tr>
                </Fragment>
              )
            })}
          </tbody>
        </table>
        {rows.length > shownRows && <p className="muted vacuum-more">{rows.length - shownRows} more: filter to find them.</p>}
      </div>
      {confirming && (
        <ConfirmDialog
          title={`${modeLabels[confirming.mode]} ${confirming.table.schema}.${confirming.table.table}?`}
          message={`This runs ${modeLabels[confirming.mode]} on the server now. It reads the whole table and takes a SHARE UPDATE EXCLUSIVE lock (no ALTER TABLE meanwhile; reads and writes go on).`}
          confirmLabel={`Run ${modeLabels[confirming.mode]}`}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            onRun(confirming.table, confirming.mode)
            setConfirming(null)
          }}
        />
      )}
    </section>
  )
}
