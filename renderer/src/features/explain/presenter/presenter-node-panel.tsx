/**
 * The node being explained, for a room: what it does in plain words, its
 * numbers in large type, what looks wrong, and where its rows go next.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { explainNode } from '@shared/explain/analyse/node-explanations'
import { nodeWarnings } from '@shared/explain/analyse/node-warnings'
import { fmtRows, ms, nodeTarget, nodeTitle } from '../plan-format'

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="presenter-figure">
      <dt>{label}</dt>
      <dd>
        {value}
        {detail && <small> {detail}</small>}
      </dd>
    </div>
  )
}

/** Rows, time and loops as the room reads them: actual against estimated when the plan ran. */
function NodeFigures({ node: f }: { node: FlatNode }) {
  const n = f.node
  if (n.neverExecuted) return <p className="presenter-note">Never executed: the plan did not need this part for these rows.</p>
  const ran = n.actualRows !== null
  return (
    <dl className="presenter-figures" aria-label="Numbers">
      <Figure label="Rows" value={ran ? fmtRows(n.actualRows) : fmtRows(n.planRows)} detail={ran ? `of ${fmtRows(n.planRows)} estimated` : 'estimated'} />
      {f.inclusiveMs !== null ? (
        <Figure label="Time" value={ms(f.inclusiveMs)} detail={`own ${ms(f.exclusiveMs)} · ${(f.exclusivePercent ?? 0).toFixed(0)}\u00a0%`} />
      ) : (
        <Figure label="Cost" value={n.totalCost?.toFixed(0) ?? '?'} detail="planner units" />
      )}
      {/* Loops exist only for a plan that ran (EXPLAIN ANALYZE). */}
      {n.loops !== null && <Figure label="Loops" value={fmtRows(n.loops)} detail={n.loops > 1 ? 'rows and time are per loop' : undefined} />}
    </dl>
  )
}

export function PresenterNodePanel({ node, parent, step, of }: { node: FlatNode; parent: FlatNode | undefined; step: number; of: number }) {
  const explanation = explainNode(node.node)
  const warnings = nodeWarnings(node)
  const target = nodeTarget(node)
  return (
    <aside className="presenter-node" aria-label="Node explanation">
      {step > 0 && (
        <p className="presenter-step-label">
          Runs {step === 1 ? 'first' : step === of ? 'last' : `${ordinal(step)}`} of {of}
        </p>
      )}
      <h2>
        {nodeTitle(node)}
        {target && <span className="presenter-target"> {target}</span>}
      </h2>
      {explanation ? (
        <>
          <p className="presenter-what">{explanation.what}</p>
          {explanation.notes.map((note) => (
            <p key={note} className="presenter-note">
              {note}
            </p>
          ))}
        </>
      ) : (
        <p className="presenter-what">A {node.node.nodeType} node.</p>
      )}
      <NodeFigures node={node} />
      {warnings.length > 0 && (
        <ul className="presenter-warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w.kind}>{w.message}</li>
          ))}
        </ul>
      )}
      {explanation && (
        <p className="presenter-when">
          <strong>Picked when: </strong>
          {explanation.when}
        </p>
      )}
      {parent && (
        <p className="presenter-feeds">
          Its rows go up to <strong>{nodeTitle(parent)}</strong>
          {nodeTarget(parent) ? ` ${nodeTarget(parent)}` : ''}.
        </p>
      )}
    </aside>
  )
}

function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'
  return `${n}${suffix}`
}
