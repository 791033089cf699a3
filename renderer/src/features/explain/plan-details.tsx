/** Everything about the selected node, with what looks wrong first. */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { nodeExplanations } from '@shared/explain/analyse/node-explanations'
import { nodeWarnings } from '@shared/explain/analyse/node-warnings'
import { groupAttributes } from '@shared/explain/model/attribute-groups'
import { partitionPruning } from '@shared/explain/analyse/partition-pruning'
import { windowDefinition } from '@shared/explain/analyse/window-definition'
import { DetailTable, KeyValueTable } from '../../ui/detail-table'
import { ms, nodeTarget, nodeTitle } from './plan-format'
import { usePlan } from './plan-store'

export function PlanDetails({ node }: { node: FlatNode }) {
  const warnings = nodeWarnings(node)
  const explanation = nodeExplanations[node.node.nodeType]
  const { groups, zeroCounters } = groupAttributes(node.node.attributes)
  const partitions = usePlan((s) => s.origin?.partitions)
  const pruning = partitionPruning(node.node, partitions)
  const window = windowDefinition(node.node)
  const workers = node.node.workers
  return (
    <aside className="plan-details" aria-label="Node details">
      <h3>
        {nodeTitle(node)} <span className="muted">{nodeTarget(node)}</span>
      </h3>
      {node.exclusiveMs !== null || node.node.totalCost === null ? (
        <p>
          Own time <strong>{ms(node.exclusiveMs)}</strong> ({node.exclusivePercent?.toFixed(1) ?? '—'} %), with children {ms(node.inclusiveMs)}
        </p>
      ) : (
        // Not executed: the planner's cost is all there is.
        <p>
          Own estimated cost <strong>{ownCost(node).toFixed(2)}</strong>, with children {node.node.totalCost.toFixed(2)}
        </p>
      )}
      {pruning && (
        <p aria-label="Partition pruning">
          <strong>
            {pruning.table}: {pruning.summary}
          </strong>
          {pruning.removed > 0 && ` · Subplans Removed: ${pruning.removed} (pruned as execution started)`}
          {pruning.total === null && ' · a pasted plan does not show the partitions the planner pruned'}
        </p>
      )}
      {window && (
        <p aria-label="Window">
          Window <code>{window}</code>
        </p>
      )}
      {explanation && (
        <div className="plan-explanation" aria-label="What this node does">
          <p>{explanation.what}</p>
          <p className="muted">When the planner picks it: {explanation.when}</p>
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="plan-warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w.kind} className={`plan-warning-${w.severity}`}>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {groups.map(({ group, entries }) => (
        <section key={group} className="plan-attribute-group" aria-label={group}>
          <h4>{group}</h4>
          <KeyValueTable entries={entries.map(([key, value]) => [key, formatAttribute(value)] as const)} />
        </section>
      ))}
      {zeroCounters.length > 0 && (
        <details className="plan-zero-counters">
          <summary>{zeroCounters.length} counters at zero</summary>
          <p className="muted">{zeroCounters.join(', ')}</p>
        </details>
      )}
      {workers.length > 0 && (
        <section className="plan-attribute-group" aria-label="Per worker">
          <h4>Per worker</h4>
          <DetailTable
            head={['Worker', 'Time', 'Rows', 'Loops']}
            rows={workers.map((w) => ({
              key: w.workerNumber,
              cells: [w.workerNumber, w.actualTotalMs !== null ? ms(w.actualTotalMs) : '—', w.actualRows ?? '—', w.loops ?? '—']
            }))}
          />
        </section>
      )}
    </aside>
  )
}

/** The node's total cost minus its children's: what it costs on its own. */
function ownCost(node: FlatNode): number {
  return Math.max(0, (node.node.totalCost ?? 0) - node.node.children.reduce((sum, child) => sum + (child.totalCost ?? 0), 0))
}

/** Lists (Output, Sort Key) one item a line; objects as compact JSON. */
function formatAttribute(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
