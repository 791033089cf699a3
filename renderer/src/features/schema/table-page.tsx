/**
 * One table's page: columns, indexes (size, scans, valid), constraints,
 * foreign keys both ways, sizes, partitions, DDL, and a data preview.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { plural } from '@shared/base/plural'
import type { TableDetails } from '@shared/schema/schema-tree'
import { DetailTable } from '../../ui/detail-table'
import { loadTableDetails } from './schema-actions'
import { errorData } from '../../app-state/notice-store'

export interface TablePageProps {
  connectionId: string
  schema: string
  name: string
  onPreview: () => void
  onClose: () => void
}

export function TablePage({ connectionId, schema, name, onPreview, onClose }: TablePageProps) {
  const [details, setDetails] = useState<TableDetails | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setDetails(null)
    loadTableDetails(connectionId, schema, name).then(setDetails, (e: unknown) => setError(errorData(e).message))
  }, [connectionId, schema, name])

  return (
    <section className="table-page" aria-label={`Table ${schema}.${name}`}>
      <header>
        <h2>
          <span className="muted">{schema}.</span>
          {name}
        </h2>
        {details && (
          <span className="muted">
            {kindNames[details.kind] ?? details.kind} · ≈ {estimatedRows(details)} · table {bytes(details.sizes.table)} · TOAST {bytes(details.sizes.toast)} · indexes {bytes(details.sizes.indexes)}
            {details.partitions.length > 0 && ` (sum of ${plural(details.partitions.length, 'partition')})`}
          </span>
        )}
        <span className="spacer" />
        <button className="primary" onClick={onPreview}>
          Preview data
        </button>
        <button onClick={onClose}>Close</button>
      </header>
      {error && <p className="field-error">{error}</p>}
      {details?.comment && <p className="table-comment">{details.comment}</p>}
      {details && (
        <div className="table-sections">
          <Section title={`Columns (${details.columns.length})`}>
            <SimpleTable head={['Name', 'Type', 'Nullable', 'Default']} rows={details.columns.map((c) => [c.name, c.type, c.nullable ? 'yes' : 'NOT NULL', c.default ?? ''])} />
          </Section>
          <Section title={`Indexes (${details.indexes.length})`}>
            {details.indexes.length === 0 ? (
              <p className="muted">No indexes.</p>
            ) : (
              <SimpleTable head={['Name', 'Definition', 'Size', 'Scans', 'Valid']} rows={details.indexes.map((i) => [i.name, i.definition, bytes(i.sizeBytes), i.scans?.toLocaleString('en-US') ?? '—', i.valid ? 'yes' : 'INVALID'])} />
            )}
          </Section>
          <Section title={`Constraints (${details.constraints.length})`}>
            <SimpleTable head={['Name', 'Type', 'Definition']} rows={details.constraints.map((c) => [c.name, c.type, c.definition])} />
          </Section>
          <Section title="Foreign keys">
            <SimpleTable
              head={['Direction', 'Other table', 'Definition']}
              rows={[
                ...details.foreignKeys.outgoing.map((f) => ['references →', f.otherTable, f.definition]),
                ...details.foreignKeys.incoming.map((f) => ['← referenced by', f.otherTable, f.definition])
              ]}
            />
          </Section>
          {details.partitions.length > 0 && (
            <Section title={`Partitions (${details.partitions.length})`}>
              <SimpleTable
                head={['Partition', 'Bound', 'Rows (est.)', 'Table', 'TOAST', 'Indexes', 'Total']}
                rows={details.partitions.map((p) => [
                  `${'\u2003'.repeat(p.level - 1)}${p.name}`,
                  p.bound,
                  p.estimatedRows === null ? '?' : Math.round(p.estimatedRows).toLocaleString('en-US'),
                  bytes(p.sizes.table),
                  bytes(p.sizes.toast),
                  bytes(p.sizes.indexes),
                  bytes(p.sizes.total)
                ])}
              />
            </Section>
          )}
          <Section title="DDL">
            <pre className="ddl">{details.ddl}</pre>
          </Section>
        </div>
      )}
    </section>
  )
}

/** A partitioned parent's own estimate is -1 until analysed: its partitions' estimates add up instead. */
function estimatedRows(details: TableDetails): string {
  const direct = details.partitions.filter((p) => p.level === 1)
  const rows = details.kind === 'p' && direct.length > 0 && direct.every((p) => p.estimatedRows !== null) ? direct.reduce((sum, p) => sum + p.estimatedRows!, 0) : details.estimatedRows
  return rows === null ? '? rows' : plural(Math.round(rows), 'row')
}

const kindNames: Record<string, string> = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view', f: 'foreign table', S: 'sequence' }

function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) (value /= 1024), unit++
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="table-section">
      <h3>{title}</h3>
      {children}
    </section>
  )
}

function SimpleTable({ head, rows }: { head: string[]; rows: string[][] }) {
  if (rows.length === 0) return <p className="muted">None.</p>
  return <DetailTable head={head} rows={rows.map((cells, i) => ({ key: i, cells }))} />
}
