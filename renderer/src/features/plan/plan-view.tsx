/**
 * The Plan tab: a plan from the editor (Explain / Explain Analyze) or pasted,
 * as a tree or a grid, with the selected node's details. When the plan was
 * produced with ANALYZE, it says that the statement ran and was rolled back.
 */
import { useState } from 'react'
import { ms } from './plan-format'
import { PlanDetails } from './plan-details'
import { PlanGrid } from './plan-grid'
import { PlanIcicle } from './plan-icicle'
import { PlanRaw } from './plan-raw'
import { usePlan } from './plan-store'
import { PlanTree } from './plan-tree'

export function PlanView() {
  const { plan, nodes, error, origin, selectedId, view, source } = usePlan()
  const { load, select, setView } = usePlan.getState()
  const [pasting, setPasting] = useState(false)
  const [draft, setDraft] = useState('')
  const selected = selectedId !== null ? nodes[selectedId] : undefined

  const paste = (
    <div className="plan-paste">
      <label htmlFor="plan-source">Paste a plan: EXPLAIN output as text (psql, pgAdmin, DBeaver) or FORMAT JSON</label>
      <textarea id="plan-source" value={draft || (error ? source : '')} onChange={(e) => setDraft(e.target.value)} spellCheck={false} rows={12} />
      {error && (
        <div className="query-error" role="alert">
          {error.line !== undefined && <strong>Line {error.line}: </strong>}
          {error.message}
        </div>
      )}
      <div className="dialog-buttons">
        <button className="primary" onClick={() => load(draft || source, { kind: 'pasted' }) && (setPasting(false), setDraft(''))}>
          Show plan
        </button>
        {plan && <button onClick={() => setPasting(false)}>Cancel</button>}
      </div>
    </div>
  )
  if (!plan || pasting) return <section className="plan-view" aria-label="Plan">{paste}</section>

  return (
    <section className="plan-view" aria-label="Plan">
      {origin?.kind === 'analyze' && (
        <p className="lock-warning" role="note">
          EXPLAIN ANALYZE ran the statement {origin.effect === 'writes' ? '(it writes) ' : origin.effect === 'may-write' ? '(it may write) ' : ''}inside BEGIN … ROLLBACK: nothing was
          changed.
        </p>
      )}
      <div className="plan-toolbar">
        <span className="plan-summary">
          {plan.executionTimeMs !== null ? <strong>Execution {ms(plan.executionTimeMs)}</strong> : <strong>Estimated plan (not executed)</strong>}
          {plan.planningTimeMs !== null && <span> · planning {ms(plan.planningTimeMs)}</span>}
          <span> · {nodes.length} nodes</span>
          {plan.serverVersion && <span className="muted"> · PostgreSQL {plan.serverVersion}</span>}
        </span>
        <span className="spacer" />
        <span role="tablist" aria-label="Plan views" className="plan-views">
          <button role="tab" aria-selected={view === 'tree'} onClick={() => setView('tree')}>
            Tree
          </button>
          <button role="tab" aria-selected={view === 'grid'} onClick={() => setView('grid')}>
            Grid
          </button>
          <button role="tab" aria-selected={view === 'icicle'} onClick={() => setView('icicle')}>
            Icicle
          </button>
          <button role="tab" aria-selected={view === 'raw'} onClick={() => setView('raw')}>
            Raw
          </button>
        </span>
        <button onClick={() => (setDraft(''), setPasting(true))}>Paste a plan…</button>
      </div>
      {plan.warnings.length > 0 && <p className="muted">{plan.warnings.join(' · ')}</p>}
      <div className="plan-body">
        {view === 'tree' && <PlanTree nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {view === 'grid' && <PlanGrid nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {view === 'icicle' && <PlanIcicle nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {view === 'raw' && <PlanRaw source={source} nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {selected && <PlanDetails node={selected} />}
      </div>
    </section>
  )
}
