/** One relation's exact bloat: a button until asked, then pgstattuple's figures (or why there are none). */
import type { ExactBloat } from '@shared/vacuum/exact-bloat'
import { bytes, percent } from './vacuum-format'

export function ExactBloatCell({ name, exact, onMeasure }: { name: string; exact: ExactBloat | 'reading' | 'failed' | undefined; onMeasure: () => void }) {
  if (exact === 'reading') return <span className="muted">reading…</span>
  if (exact && exact !== 'failed' && exact.status === 'measured') {
    const detail =
      exact.kind === 'table'
        ? `dead tuples ${bytes(exact.deadBytes)}, free space ${bytes(exact.freeBytes)}`
        : `leaf density ${Math.round(exact.avgLeafDensity ?? 0)} %, empty or deleted pages ${bytes(exact.deadBytes)}`
    return (
      <span className="vacuum-exact" title={`pgstattuple: ${detail}`} data-testid={`exact-${name}`}>
        {bytes(exact.bloatBytes)} · {percent(exact.bloatRatio)}
      </span>
    )
  }
  // Failed, or pgstattuple missing (the note above says how to install it): the user may ask again.
  return (
    <button type="button" className="vacuum-exact-button" onClick={onMeasure} aria-label={`Exact bloat of ${name}`}>
      {exact ? 'Retry' : 'Exact'}
    </button>
  )
}

/** Said once above the tables: how to get exact figures; Tusk never installs an extension by itself. */
export function PgstattupleMissing({ availableOnServer, install }: { availableOnServer: boolean; install: string }) {
  return (
    <p className="vacuum-note" role="note">
      Exact figures need the <code>pgstattuple</code> extension, not installed in this database.{' '}
      {availableOnServer ? (
        <>
          The server ships it: run <code>{install}</code> (needs the CREATE privilege on the database), then ask again.
        </>
      ) : (
        <>This server does not ship it: install PostgreSQL’s contrib package on the server, then run <code>{install}</code>.</>
      )}
    </p>
  )
}
