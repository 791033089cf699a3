/** One row per node, indented, like explain.depesz.com: where the time goes, at a glance. */
import type { FlatNode } from '../../../../shared/explain/plan-metrics'
import { fmtRows, heat, misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'

export function PlanGrid({ nodes, selectedId, onSelect }: { nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  return (
    <div className="plan-grid-scroll">
      <table className="plan-grid" aria-label="Plan nodes">
        <thead>
          <tr>
            <th>#</th>
            <th>Exclusive</th>
            <th>Inclusive</th>
            <th>Rows</th>
            <th>Estimate</th>
            <th>Loops</th>
            <th>Node</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((f) => (
            <tr key={f.id} className={selectedId === f.id ? 'selected' : undefined} onClick={() => onSelect(f.id)}>
              <td>{f.id}</td>
              <td style={{ background: `color-mix(in srgb, var(--plan-hot) ${Math.round(heat(f.exclusivePercent) * 70)}%, transparent)` }}>
                {ms(f.exclusiveMs)}
                {f.exclusivePercent !== null && <span className="muted"> {f.exclusivePercent.toFixed(1)}%</span>}
              </td>
              <td>{ms(f.inclusiveMs)}</td>
              <td>{fmtRows(f.node.actualRows)}</td>
              <td className={f.misestimate && f.misestimate.factor >= 10 ? 'plan-misestimate' : undefined}>
                {fmtRows(f.node.planRows)} {misestimateLabel(f)}
              </td>
              <td>{fmtRows(f.node.loops)}</td>
              <td style={{ paddingLeft: 8 + f.depth * 18 }}>
                <strong>{nodeTitle(f)}</strong> {nodeTarget(f)}
                {f.spilled && <span className="badge badge-spill">spill</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
