/**
 * The tables the stepper draws: sampled inputs, the L×R grid of verdicts, the
 * rows a join hands on (padded NULLs drawn unlike any value), the WHERE's
 * verdicts. Symbols carry the meaning (✓ ✗ ?), colour only repeats it.
 */
import type { JoinInput, JoinStage, JoinSteps } from '@shared/joins/join-model'

export type Cell = string | null
export type Verdict = boolean | null

/** Grids beyond this are drawn in part (the JSON and the counts still hold every pair). */
const maxGridSide = 30

/** Which columns a wide joined row shows: the first few of each input (`alias.column` grouped by alias). */
export function compactColumns(columns: string[], perInput = 3): number[] {
  const seen = new Map<string, number>()
  return columns.flatMap((c, i) => {
    const alias = c.slice(0, c.indexOf('.'))
    const n = seen.get(alias) ?? 0
    seen.set(alias, n + 1)
    return n < perInput ? [i] : []
  })
}

export function ValueCell({ value, padded }: { value: Cell; padded?: boolean }) {
  if (value === null) return <td className={padded ? 'join-null join-padded' : 'join-null'}>{padded ? 'NULL ▨' : 'NULL'}</td>
  return <td>{value}</td>
}

export function verdictSymbol(v: Verdict | undefined): { symbol: string; className: string; label: string } {
  if (v === true) return { symbol: '✓', className: 'join-true', label: 'true' }
  if (v === false) return { symbol: '✗', className: 'join-false', label: 'false' }
  if (v === null) return { symbol: '?', className: 'join-unknown', label: 'unknown (NULL)' }
  return { symbol: '·', className: 'join-pending', label: 'not judged yet' }
}

function rowLabel(values: Cell[]): string {
  const text = values
    .slice(0, 2)
    .map((v) => v ?? 'NULL')
    .join(' · ')
  return text.length > 22 ? `${text.slice(0, 21)}…` : text
}

export function InputTable({ input, highlighted, onHover }: { input: JoinInput; highlighted?: Set<number>; onHover?: (row: number | null) => void }) {
  return (
    <table className="join-table" aria-label={`Input ${input.alias}`}>
      <caption>
        {input.label} <span className="muted">— {input.wholeTable ? `all ${input.rows.length} rows` : `${input.rows.length} sampled rows${input.estimatedRows && input.estimatedRows > 0 ? ` of ~${Math.round(input.estimatedRows).toLocaleString()}` : ''}`}</span>
      </caption>
      <thead>
        <tr>
          <th>#</th>
          {input.columns.map((c, i) => (
            <th key={i}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {input.rows.map((row, r) => (
          <tr key={r} className={highlighted?.has(r + 1) ? 'join-traced' : undefined} onMouseEnter={() => onHover?.(r + 1)} onMouseLeave={() => onHover?.(null)}>
            <th>{r + 1}</th>
            {row.map((v, i) => (
              <ValueCell key={i} value={v} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The L×R grid: one cell per candidate pair, with the server's verdict once `reveal` is on. */
export function PairGrid({ stage, reveal, onlyMatches }: { stage: JoinStage; reveal: boolean; onlyMatches?: boolean }) {
  const verdicts = new Map(stage.pairs.map((p) => [`${p.left},${p.right}`, p.on]))
  const lefts = stage.left.values.slice(0, maxGridSide)
  const rights = stage.right.values.slice(0, maxGridSide)
  const clipped = stage.left.values.length > maxGridSide || stage.right.values.length > maxGridSide
  return (
    <div className="join-grid-wrap">
      <table className="join-grid" aria-label="Candidate pairs">
        <thead>
          <tr>
            <th className="join-grid-corner">
              {stage.left.label} ↓ × {stage.right.label} →
            </th>
            {rights.map((v, j) => (
              <th key={j} scope="col" title={v.map((x) => x ?? 'NULL').join(' · ')}>
                <span className="join-rownum">{j + 1}</span> {rowLabel(v)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lefts.map((v, i) => (
            <tr key={i}>
              <th scope="row" title={v.map((x) => x ?? 'NULL').join(' · ')}>
                <span className="join-rownum">{i + 1}</span> {rowLabel(v)}
              </th>
              {rights.map((_, j) => {
                const verdict = verdicts.get(`${i},${j}`)
                const shown = verdictSymbol(reveal ? verdict : undefined)
                const dim = onlyMatches && verdict !== true
                return (
                  <td key={j} className={`join-cell ${shown.className}${dim ? ' join-dim' : ''}`} aria-label={`row ${i + 1} × row ${j + 1}: ${shown.label}`}>
                    {shown.symbol}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {clipped && <p className="muted">The first {maxGridSide} rows of each side are drawn; the counts cover every pair.</p>}
    </div>
  )
}

/** The rows a join hands on: matched pairs (fan-out marked), then padded rows when `withPadding`. */
export function JoinOutput({ stage, withPadding }: { stage: JoinStage; withPadding: boolean }) {
  const semi = stage.kind === 'SEMI' || stage.kind === 'ANTI'
  const columns = semi ? stage.left.columns : [...stage.left.columns, ...stage.right.columns]
  const matches = new Map<number, number>()
  for (const p of stage.pairs) if (p.on === true) matches.set(p.left, (matches.get(p.left) ?? 0) + 1)
  const matched = semi
    ? []
    : stage.pairs
        .filter((p) => p.on === true)
        .map((p) => ({ values: [...stage.left.values[p.left]!, ...stage.right.values[p.right]!], note: (matches.get(p.left) ?? 0) > 1 ? `fan-out ×${matches.get(p.left)}` : '', padded: null as 'left' | 'right' | null }))
  const kept = semi ? stage.output.map((id) => ({ values: stage.left.values[stage.left.rows.findIndex((r) => r.join() === id.join())] ?? [], note: 'kept', padded: null })) : []
  const padded = withPadding ? stage.padded.map((p) => ({ values: p.values, note: `padded (${p.side} row ${p.row + 1})`, padded: p.side })) : []
  const rows = [...matched, ...kept, ...padded]
  const leftWidth = stage.left.columns.length
  const shown = compactColumns(columns)
  return (
    <table className="join-table join-output" aria-label="Join output">
      <thead>
        <tr>
          {shown.map((i) => (
            <th key={i}>{columns[i]}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r} className={row.padded ? 'join-padded-row' : undefined}>
            {shown.map((i) => (
              <ValueCell key={i} value={row.values[i] ?? null} padded={row.padded !== null && (row.padded === 'left' ? i >= leftWidth : i < leftWidth)} />
            ))}
            <td className="join-note">{row.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The FROM's rows with the WHERE's verdict on each: kept, or struck out. */
export function WhereTable({ steps }: { steps: JoinSteps }) {
  const where = steps.where!
  const inputs = new Map(steps.inputs.map((i) => [i.id, i]))
  const columns = steps.fromLeaves.flatMap((id) => inputs.get(id)!.columns.map((c) => `${inputs.get(id)!.alias}.${c}`))
  const shown = compactColumns(columns)
  return (
    <table className="join-table" aria-label="WHERE verdicts">
      <thead>
        <tr>
          <th>WHERE</th>
          {shown.map((i) => (
            <th key={i}>{columns[i]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {where.rows.map((identity, r) => {
          const v = verdictSymbol(where.verdicts[r])
          const values = steps.fromLeaves.flatMap((id, i) => (identity[i] == null ? inputs.get(id)!.columns.map(() => null) : inputs.get(id)!.rows[identity[i]! - 1]!))
          return (
            <tr key={r} className={where.verdicts[r] === true ? undefined : 'join-removed'}>
              <td className={`join-cell ${v.className}`} aria-label={v.label}>
                {v.symbol}
              </td>
              {shown.map((i) => (
                <ValueCell key={i} value={values[i] ?? null} padded={values[i] === null && identity[leafIndexOf(steps, i)] == null} />
              ))}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function leafIndexOf(steps: JoinSteps, column: number): number {
  let seen = 0
  for (let i = 0; i < steps.fromLeaves.length; i++) {
    seen += steps.inputs.find((input) => input.id === steps.fromLeaves[i])!.columns.length
    if (column < seen) return i
  }
  return 0
}
