/** Everything about the selected node, with what looks wrong first. */
import type { FlatNode } from '../../../../shared/explain/plan-metrics'
import { nodeExplanations } from '../../../../shared/explain/node-explanations'
import { misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'

export function PlanDetails({ node }: { node: FlatNode }) {
  const warnings: string[] = []
  if (node.spilled) warnings.push(node.spillReason ?? 'Spilled to disk')
  if (node.misestimate && node.misestimate.factor >= 10) warnings.push(`Row estimate off by ${misestimateLabel(node)}: the planner chose this plan for a different row count`)
  if (node.rowsRemovedPercent !== null && node.rowsRemovedPercent >= 50) warnings.push(`${node.rowsRemovedPercent.toFixed(0)} % of the rows read were thrown away by a filter`)
  if (node.node.heapFetches && node.node.heapFetches > 0) warnings.push(`${node.node.heapFetches} heap fetches: the visibility map is not current (VACUUM)`)
  const explanation = nodeExplanations[node.node.nodeType]
  const attributes = Object.entries(node.node.attributes).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
  return (
    <aside className="plan-details" aria-label="Node details">
      <h3>
        {nodeTitle(node)} <span className="muted">{nodeTarget(node)}</span>
      </h3>
      <p>
        Own time <strong>{ms(node.exclusiveMs)}</strong> ({node.exclusivePercent?.toFixed(1) ?? '—'} %), with children {ms(node.inclusiveMs)}
      </p>
      {explanation && (
        <div className="plan-explanation" aria-label="What this node does">
          <p>{explanation.what}</p>
          <p className="muted">When the planner picks it: {explanation.when}</p>
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="plan-warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <table className="simple-table">
        <tbody>
          {attributes.map(([key, value]) => (
            <tr key={key}>
              <th>{key}</th>
              <td>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  )
}
