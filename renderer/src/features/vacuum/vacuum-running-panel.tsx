/** What maintenance runs right now, with a bar per command, and the autovacuum workers in use. */
import type { VacuumRunning } from '@shared/vacuum/vacuum-report'
import { ProgressBar } from './progress-bar'
import { ago } from './vacuum-format'

const kindLabels = { vacuum: 'VACUUM', analyze: 'ANALYZE', 'create-index': 'CREATE INDEX', cluster: 'CLUSTER / VACUUM FULL' } as const

export function VacuumRunningPanel({ running }: { running: VacuumRunning | null }) {
  if (!running) return null
  return (
    <section className="vacuum-section" aria-label="Running now">
      <header className="vacuum-section-header">
        <h3>Running now</h3>
        <span className={`badge ${running.workersBusy >= running.maxWorkers ? 'badge-busy' : ''}`} data-testid="vacuum-workers">
          autovacuum workers {running.workersBusy} / {running.maxWorkers}
        </span>
      </header>
      {running.running.length === 0 ? (
        <p className="muted">No VACUUM, ANALYZE, CREATE INDEX or CLUSTER is running.</p>
      ) : (
        <ul className="vacuum-running">
          {running.running.map((r) => (
            <li key={`${r.kind}-${r.pid}`} data-testid="vacuum-running-item">
              <div className="vacuum-running-title">
                <strong>{kindLabels[r.kind]}</strong> {r.relation ?? '?'}
                <span className="muted">
                  {' '}
                  pid {r.pid}
                  {r.auto ? ' · autovacuum' : ''}
                  {r.wraparound ? ' · to prevent wraparound' : ''}
                  {r.startedAt !== null ? ` · started ${ago(r.startedAt)}` : ''}
                </span>
              </div>
              <div className="vacuum-running-phase">
                <span className="vacuum-phase">{r.phase}</span>
                <ProgressBar value={r.progress} label={`${kindLabels[r.kind]} ${r.relation ?? ''}: ${r.phase}`} />
              </div>
              <div className="vacuum-figures">
                {r.figures.map((f) => (
                  <span key={f.label}>
                    <span className="muted">{f.label}</span> {f.value}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
