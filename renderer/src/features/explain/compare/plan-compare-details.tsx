/** The selected pair in full: what changed, and every figure of A and B with the change. */
import { nodeFigures, type ComparedRow, type NodeFigure } from '@shared/explain/analyse/plan-compare'
import { DetailTable } from '../../../ui/detail-table'
import { ms, nodeTarget, nodeTitle } from '../plan-format'
import { fmtRows } from '../plan-format'
import { changeLabel } from './compare-format'
import type { ComparedPlan } from './plan-compare-store'

const figures: Array<[NodeFigure, string, (value: number | null) => string]> = [
  ['exclusiveMs', 'Own time', ms],
  ['inclusiveMs', 'With children', ms],
  ['rows', 'Rows (all loops)', fmtRows],
  ['planRows', 'Estimated rows', fmtRows],
  ['loops', 'Loops', fmtRows],
  ['sharedHit', 'Shared hit', fmtRows],
  ['sharedRead', 'Shared read', fmtRows],
  ['totalCost', 'Cost', (v) => (v === null ? '—' : v.toFixed(1))]
]

export function PlanCompareDetails({ a, b, row }: { a: ComparedPlan; b: ComparedPlan; row: ComparedRow }) {
  const fa = row.a !== null ? a.nodes[row.a] : undefined
  const fb = row.b !== null ? b.nodes[row.b] : undefined
  const figuresA = fa ? nodeFigures(fa) : null
  const figuresB = fb ? nodeFigures(fb) : null
  return (
    <aside className="compare-details" aria-label="Compared node">
      <div>
        {[fa, fb].map((f, i) => (
          <h3 key={i}>
            <span className={`compare-tag compare-tag-${i === 0 ? 'a' : 'b'}`}>{i === 0 ? 'A' : 'B'}</span>{' '}
            {f ? (
              <>
                {nodeTitle(f)} <span className="muted">{nodeTarget(f)}</span>
              </>
            ) : (
              <span className="muted">{i === 0 ? 'not in plan A' : 'not in plan B'}</span>
            )}
          </h3>
        ))}
        {row.changes.length > 0 && (
          <ul className="compare-change-list" aria-label="What changed">
            {row.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        )}
      </div>
      {(fa ?? fb) && (
        <DetailTable
          head={[null, 'A', 'B', 'Change']}
          rows={figures.map(([key, label, format]) => {
            const d = row.deltas?.[key]
            return {
              key,
              header: label,
              cells: [fa ? format(figuresA![key]) : '', fb ? format(figuresB![key]) : '', { node: d ? changeLabel(d, format) : '', className: `verdict-${d?.verdict ?? 'unknown'}` }]
            }
          })}
        />
      )}
    </aside>
  )
}
