/**
 * Wraparound: each database's transaction ID age against
 * autovacuum_freeze_max_age and the 2-billion limit, with what to do; and the
 * xmin horizon holders, oldest first, with the dead tuples they keep.
 */
import type { VacuumDatabase, VacuumTable, XminHolder } from '@shared/vacuum/vacuum-report'
import { dangerAdvice, wraparoundDanger, xidHardLimit } from '@shared/vacuum/xmin-horizon'
import { ago, bigCount, count } from './vacuum-format'

export function WraparoundPanel({ databases, tables }: { databases: VacuumDatabase[]; tables: VacuumTable[] }) {
  const oldest = [...tables].filter((t) => t.xidAge !== null).sort((a, b) => b.xidAge! - a.xidAge!).slice(0, 5)
  return (
    <section className="vacuum-section" aria-label="Wraparound">
      <header className="vacuum-section-header">
        <h3>Transaction ID wraparound</h3>
        <span className="muted">age against autovacuum_freeze_max_age (the mark) and the 2-billion limit (the end)</span>
      </header>
      <ul className="wraparound-list">
        {databases.map((d) => {
          const age = Math.max(d.xidAge, (d.mxidAge / d.multixactFreezeMaxAge) * d.freezeMaxAge)
          const danger = wraparoundDanger(age, d.freezeMaxAge)
          return (
            <li key={d.name} className={`danger-${danger}`} data-testid={`wraparound-${d.name}`}>
              <span className="wraparound-name">{d.name}</span>
              <span className="wraparound-scale" title={`${count(d.xidAge)} of ${count(xidHardLimit)}`}>
                <span className="wraparound-fill" style={{ width: `${Math.max(0.5, (d.xidAge / xidHardLimit) * 100)}%` }} />
                <span className="wraparound-mark" style={{ left: `${(d.freezeMaxAge / xidHardLimit) * 100}%` }} />
              </span>
              <span className="wraparound-age">
                {bigCount(d.xidAge)} <span className="muted">xids · multixact {bigCount(d.mxidAge)}</span>
              </span>
              <span className={`wraparound-level level-${danger}`}>{danger}</span>
              {danger !== 'fine' && <span className="wraparound-advice">{dangerAdvice[danger]}</span>}
            </li>
          )
        })}
      </ul>
      {oldest.length > 0 && (
        <p className="muted wraparound-oldest">
          Oldest tables here: {oldest.map((t) => `${t.schema}.${t.table} (${bigCount(t.xidAge!)})`).join(', ')}
        </p>
      )}
    </section>
  )
}

const holderLabels: Record<XminHolder['kind'], string> = {
  transaction: 'open transaction',
  'idle-in-transaction': 'idle in transaction',
  prepared: 'prepared transaction',
  'replication-slot': 'replication slot',
  standby: 'standby (hot_standby_feedback)'
}

export function XminHoldersPanel({ holders }: { holders: XminHolder[] }) {
  return (
    <section className="vacuum-section" aria-label="What holds back cleanup">
      <header className="vacuum-section-header">
        <h3>What holds back cleanup</h3>
        <span className="muted">VACUUM cannot remove rows these can still see; the oldest sets the horizon</span>
      </header>
      {holders.length === 0 ? (
        <p className="muted">Nothing holds back the xmin horizon.</p>
      ) : (
        <table className="vacuum-table">
          <thead>
            <tr>
              <th>Holder</th>
              <th className="num">xmin age</th>
              <th>Since</th>
              <th className="num">Dead rows kept</th>
            </tr>
          </thead>
          <tbody>
            {holders.slice(0, 20).map((h, i) => (
              <tr key={`${h.kind}-${h.pid ?? h.name}`} className={i === 0 ? 'horizon' : undefined} data-testid="xmin-holder">
                <td>
                  <strong>{holderLabels[h.kind]}</strong>
                  {h.pid !== null && ` pid ${h.pid}`}
                  {h.name && <span className="muted"> {h.name}</span>}
                  {h.user && <span className="muted"> · {h.user}</span>}
                  {h.query && <span className="vacuum-query">{h.query}</span>}
                </td>
                <td className="num">{count(h.xminAge)}</td>
                <td>{h.since === null ? '–' : ago(h.since)}</td>
                <td className="num">{h.deadTuplesKept === null ? '–' : count(h.deadTuplesKept)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
