/**
 * The result with its trace: hover an output row and the input rows it came
 * from light up; hover an input row and the output rows built from it do.
 */
import { useState } from 'react'
import type { JoinSteps } from '@shared/joins/join-model'
import { InputTable, ValueCell } from './join-tables'

export function ResultTrace({ steps }: { steps: JoinSteps }) {
  const [hoverOut, setHoverOut] = useState<number | null>(null)
  const [hoverIn, setHoverIn] = useState<{ leaf: number; row: number } | null>(null)
  const trace = steps.trace
  const sources = (leaf: number): Set<number> => {
    const at = steps.fromLeaves.indexOf(leaf)
    if (!trace || at < 0 || hoverOut === null) return new Set()
    const rn = trace[hoverOut]?.[at]
    return new Set(rn == null ? [] : [rn])
  }
  const fromInput = (r: number) => {
    if (!trace || !hoverIn) return false
    const at = steps.fromLeaves.indexOf(hoverIn.leaf)
    return at >= 0 && trace[r]?.[at] === hoverIn.row
  }
  const fromInputs = steps.inputs.filter((i) => steps.fromLeaves.includes(i.id))
  return (
    <div className="join-result">
      <div className="join-inputs">
        {fromInputs.map((input) => (
          <InputTable key={input.id} input={input} highlighted={sources(input.id)} onHover={(row) => setHoverIn(row === null ? null : { leaf: input.id, row })} />
        ))}
      </div>
      <table className="join-table join-final" aria-label="Result">
        <caption>
          Result: {steps.rows.length} rows {trace ? <span className="muted">— hover a row to see where it came from</span> : null}
        </caption>
        <thead>
          <tr>
            {steps.columns.map((c, i) => (
              <th key={i}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {steps.rows.map((row, r) => (
            <tr key={r} className={hoverOut === r || fromInput(r) ? 'join-traced' : undefined} onMouseEnter={() => setHoverOut(r)} onMouseLeave={() => setHoverOut(null)}>
              {row.map((v, i) => (
                <ValueCell key={i} value={v} padded={v === null && Boolean(trace?.[r]?.some((x) => x === null))} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
