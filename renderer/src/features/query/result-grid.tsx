/**
 * A virtualized grid over a spooled result: only the visible rows exist in
 * the DOM, and only a bounded window of pages exists in memory.
 */
import { useMemo, useReducer, useRef, useState } from 'react'
import type { ResultField } from '@shared/query/query-result'
import { useAppearance } from '../../app-state/appearance-store'
import { useFixedRowWindow } from '../../ui/fixed-row-window'
import { PageCache } from './page-cache'
import { fetchRows } from './query-actions'
import { firstRowsOf } from './query-run-store'

interface Props {
  runId: string
  resultIndex: number
  rowCount: number
  fields: ResultField[]
}

/** Row height at 100 % text size; it grows with the text-size setting (projectors). */
const baseRowHeight = 30

export function ResultGrid({ runId, resultIndex, rowCount, fields }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  const textScale = useAppearance((s) => s.textScale)
  const rowHeight = Math.round(baseRowHeight * textScale)
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const [selected, setSelected] = useState<{ row: number; column: number } | null>(null)
  const cache = useMemo(
    () => new PageCache((offset, limit) => fetchRows(runId, resultIndex, offset, limit), redraw),
    [runId, resultIndex]
  )
  // The first screenful came with the progress events: drawn with the first count, no page request needed.
  cache.offer(0, firstRowsOf(runId, resultIndex))
  // Column widths from the header and the first rows' values, measured in characters (no DOM reads).
  const sample = cache.row(0) ? Array.from({ length: Math.min(50, rowCount) }, (_, i) => cache.row(i)).filter((r) => r !== undefined) : []
  const sampled = sample.length > 0
  const widths = useMemo(
    () =>
      fields.map((f, c) => {
        const longest = Math.max(f.name.length, f.typeName.length + 2, ...sample.map((row) => (row![c] ?? 'NULL').length))
        return Math.min(480, Math.max(90, 24 + 9.5 * longest))
      }),
    // Sized once the first page arrives; later pages do not make columns jump.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fields, sampled]
  )
  const rowNumberWidth = 24 + 10 * Math.max(2, String(rowCount).length)
  // Each column at least its content's width; room to spare is shared in proportion, so nothing is cut while space is left.
  // Widths are in rem (pixels at the base 17 px type), so A+/A− and presenter type widen the columns with the text.
  const template = `${rem(rowNumberWidth)} ${widths.map((w) => `minmax(${rem(w)}, ${w}fr)`).join(' ')}`
  // Rows have one height: the window in view costs the same at 50 rows and at a million, however often the count grows.
  const shown = useFixedRowWindow(scroller, rowCount, rowHeight)
  const selectedValue = selected ? cache.row(selected.row)?.[selected.column] : undefined

  return (
    <div className="grid-with-panel">
      <div
        className="result-grid"
        ref={scroller}
        role="grid"
        tabIndex={0}
        aria-rowcount={rowCount}
        aria-label="Result rows"
        data-held-rows={cache.heldRows}
        onKeyDown={(event) => {
          if (!selected || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'c') return
          const row = cache.row(selected.row)
          if (!row) return
          event.preventDefault()
          void navigator.clipboard?.writeText(event.shiftKey ? rowAsText(row) : (row[selected.column] ?? ''))
        }}
      >
        <div className="grid-header" role="row" style={{ gridTemplateColumns: template }}>
          <span className="grid-rownum">#</span>
          {fields.map((f, i) => (
            <span key={i} role="columnheader" title={`${f.name} (${f.typeName})`}>
              {f.name}
              <span className="type-name">{f.typeName}</span>
            </span>
          ))}
        </div>
        <div style={{ height: shown.totalHeight, position: 'relative' }}>
          {Array.from({ length: shown.end - shown.first }, (_, i) => {
            const index = shown.first + i
            const row = cache.row(index)
            return (
              <div key={index} role="row" className="grid-row" style={{ gridTemplateColumns: template, transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}>
                <span className="grid-rownum">{index + 1}</span>
                {fields.map((_, c) => {
                  const value = row?.[c]
                  const isSelected = selected?.row === index && selected.column === c
                  return (
                    <span
                      key={c}
                      role="gridcell"
                      className={`${value === null ? 'null' : ''}${isSelected ? ' selected' : ''}`}
                      onClick={() => setSelected({ row: index, column: c })}
                    >
                      {row === undefined ? '…' : value === null ? 'NULL' : value}
                    </span>
                  )
                })}
              </div>
            )
          })}
        </div>
      </div>
      {selected && selectedValue !== undefined && (
        <CellPanel
          field={fields[selected.column]!}
          value={selectedValue}
          onCopyRow={() => {
            const row = cache.row(selected.row)
            if (row) void navigator.clipboard?.writeText(rowAsText(row))
          }}
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  )
}

/** The full value of one cell: long text wrapped, JSON pretty-printed. */
/** A row as spreadsheets paste it: tab-separated, NULL as empty. */
function rowAsText(row: Array<string | null>): string {
  return row.map((v) => (v ?? '').replace(/[\t\n]/g, ' ')).join('\t')
}

function CellPanel({ field, value, onCopyRow, onClose }: { field: ResultField; value: string | null; onCopyRow: () => void; onClose: () => void }) {
  const shown = useMemo(() => {
    if (value === null) return null
    if (field.typeName === 'json' || field.typeName === 'jsonb') {
      try {
        return JSON.stringify(JSON.parse(value), null, 2)
      } catch {
        return value
      }
    }
    return value
  }, [field, value])
  return (
    <aside className="cell-panel" aria-label="Cell value">
      <header>
        <strong>{field.name}</strong> <span className="type-name">{field.typeName}</span>
        <span className="spacer" />
        <button onClick={() => void navigator.clipboard?.writeText(value ?? '')} title="Ctrl+C">
          Copy
        </button>
        <button onClick={onCopyRow} title="Ctrl+Shift+C">
          Copy row
        </button>
        <button className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {shown === null ? <p className="null">NULL</p> : <pre>{shown}</pre>}
    </aside>
  )
}

const baseFontPx = 17
const rem = (px: number) => `${(px / baseFontPx).toFixed(3)}rem`
