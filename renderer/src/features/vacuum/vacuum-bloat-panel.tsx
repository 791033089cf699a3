/** Estimated table bloat, read when asked: statistics only, so it never waits for a lock. */
import type { TableBloat } from '@shared/vacuum/bloat-estimate'
import { ProgressBar } from './progress-bar'

const size = (bytes: number) => (bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`)

export function VacuumBloatPanel({ bloat, loading, onEstimate }: { bloat: TableBloat[] | null; loading: boolean; onEstimate: () => void }) {
  return (
    <section className="vacuum-section" aria-label="Bloat">
      <header className="vacuum-section-header">
        <h3>Table bloat (estimate)</h3>
        <span className="muted">from pg_stats and pg_class: no size function, no lock</span>
        <span className="spacer" />
        <button type="button" onClick={onEstimate} disabled={loading}>
          {loading ? 'Estimating…' : bloat ? 'Estimate again' : 'Estimate bloat'}
        </button>
      </header>
      {bloat &&
        (bloat.length === 0 ? (
          <p className="muted">No user table has pages yet.</p>
        ) : (
          <table className="vacuum-table">
            <thead>
              <tr>
                <th>Table</th>
                <th className="num">Size</th>
                <th className="num">Live rows need</th>
                <th className="num">Bloat</th>
                <th>Share</th>
              </tr>
            </thead>
            <tbody>
              {bloat.slice(0, 15).map((b) => (
                <tr key={`${b.schema}.${b.table}`} data-testid={`bloat-${b.schema}.${b.table}`}>
                  <td>
                    <span className="vacuum-table-name">
                      {b.schema}.{b.table}
                    </span>
                    {!b.statsComplete && <span className="badge badge-busy"> statistics missing or hidden: rough</span>}
                  </td>
                  <td className="num">{size(b.sizeBytes)}</td>
                  <td className="num">{size(b.expectedBytes)}</td>
                  <td className="num">{size(b.bloatBytes)}</td>
                  <td>
                    <ProgressBar value={b.bloatRatio} label={`${b.schema}.${b.table}: share of bloat`} tone={b.bloatRatio > 0.5 ? 'due' : undefined} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  )
}
