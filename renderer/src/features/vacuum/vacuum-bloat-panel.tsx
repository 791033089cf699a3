/**
 * Estimated table and index bloat, read when asked: statistics only, so it
 * never waits for a lock. Each row can ask pgstattuple for the exact figure.
 */
import type { TableBloat } from '@shared/vacuum/bloat-estimate'
import type { ExactBloat, ExactBloatKind } from '@shared/vacuum/exact-bloat'
import type { IndexBloat } from '@shared/vacuum/index-bloat-estimate'
import { exactKey } from './vacuum-actions'
import { ExactBloatCell, PgstattupleMissing } from './exact-bloat-cell'
import { ProgressBar } from './progress-bar'
import { bytes } from './vacuum-format'

type ExactMap = Record<string, ExactBloat | 'reading' | 'failed'>

interface BloatPanelProps {
  bloat: TableBloat[] | null
  indexBloat: IndexBloat[] | null
  exact: ExactMap
  loading: boolean
  onEstimate: () => void
  onExact: (kind: ExactBloatKind, schema: string, name: string) => void
}

export function VacuumBloatPanel({ bloat, indexBloat, exact, loading, onEstimate, onExact }: BloatPanelProps) {
  const missing = Object.values(exact).find((e): e is Extract<ExactBloat, { status: 'no-extension' }> => typeof e === 'object' && e.status === 'no-extension')
  return (
    <section className="vacuum-section" aria-label="Bloat">
      <header className="vacuum-section-header">
        <h3>Bloat (estimate)</h3>
        <span className="muted">from pg_stats and pg_class: no size function, no lock · exact figures per row with pgstattuple</span>
        <span className="spacer" />
        <button type="button" onClick={onEstimate} disabled={loading}>
          {loading ? 'Estimating…' : bloat ? 'Estimate again' : 'Estimate bloat'}
        </button>
      </header>
      {missing && <PgstattupleMissing availableOnServer={missing.availableOnServer} install={missing.install} />}
      {bloat && indexBloat && (
        <div className="vacuum-bloat-grid">
          <BloatTable
            kind="table"
            title="Tables"
            empty="No user table has pages yet."
            rows={bloat.map((b) => ({ ...b, name: b.table, label: `${b.schema}.${b.table}` }))}
            exact={exact}
            onExact={onExact}
          />
          <BloatTable
            kind="index"
            title="B-tree indexes"
            empty="No b-tree index has more than its first page yet."
            rows={indexBloat.map((b) => ({ ...b, name: b.index, label: `${b.schema}.${b.index}`, note: `on ${b.table}` }))}
            exact={exact}
            onExact={onExact}
          />
        </div>
      )}
    </section>
  )
}

interface BloatRow {
  schema: string
  name: string
  label: string
  note?: string
  sizeBytes: number
  expectedBytes: number
  bloatBytes: number
  bloatRatio: number
  statsComplete: boolean
}

function BloatTable(props: { kind: ExactBloatKind; title: string; empty: string; rows: BloatRow[]; exact: ExactMap; onExact: BloatPanelProps['onExact'] }) {
  const { kind, rows, exact, onExact } = props
  if (rows.length === 0) return <p className="muted">{props.empty}</p>
  return (
    <div className="vacuum-table-scroll">
      <table className="vacuum-table" aria-label={`${props.title}: estimated bloat`}>
        <thead>
          <tr>
            <th>{props.title}</th>
            <th className="num">Size</th>
            <th className="num">Live data needs</th>
            <th className="num">Bloat</th>
            <th>Share</th>
            <th>Exact</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 15).map((b) => (
            <tr key={b.label} data-testid={`${kind === 'table' ? 'bloat' : 'index-bloat'}-${b.label}`}>
              <td>
                <span className="vacuum-table-name">{b.label}</span>
                {b.note && <span className="muted"> {b.note}</span>}
                {!b.statsComplete && <span className="badge badge-busy"> statistics missing or hidden: rough</span>}
              </td>
              <td className="num">{bytes(b.sizeBytes)}</td>
              <td className="num">{bytes(b.expectedBytes)}</td>
              <td className="num">{bytes(b.bloatBytes)}</td>
              <td>
                <ProgressBar value={b.bloatRatio} label={`${b.label}: share of bloat`} tone={b.bloatRatio > 0.5 ? 'due' : undefined} />
              </td>
              <td className="num">
                <ExactBloatCell name={b.label} exact={exact[exactKey(kind, b.schema, b.name)]} onMeasure={() => onExact(kind, b.schema, b.name)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
