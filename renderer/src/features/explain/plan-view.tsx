/**
 * The Plan tab: a plan from the editor (Explain / Explain Analyze) or pasted,
 * as a tree or a grid, with the selected node's details. When the plan was
 * produced with ANALYZE, it says that the statement ran and was rolled back.
 */
import { rollbackNote } from '@shared/sql/rollback-note'
import { useEffect, useMemo, useState, type DragEvent } from 'react'
import { criticalPath, heats, hiddenSiblings } from './plan-emphasis'
import { readPlanFile } from '@shared/explain/read/plan-file'
import { PlanCompareButton, PlanCompareMode, PlanCompareOffer, useComparing } from './compare/plan-compare-controls'
import { usePlanCompare } from './compare/plan-compare-store'
import type { PlanSlots } from '../../app-state/plan-slots'
import { exportPng, exportSvg, savePlanFile } from './plan-files'
import { ms } from './plan-format'
import { PlanDetails } from './plan-details'
import { PlanGrid } from './plan-grid'
import { PlanIcicle } from './plan-icicle'
import { PlanOverview } from './plan-overview'
import { PlanRaw } from './plan-raw'
import { OpenPlanFile, PlanParseError, PlanQuery } from './plan-source-parts'
import { usePlan } from './plan-store'
import { PlanTree } from './plan-tree'
import { usePresenter } from '../../app-state/presenter-store'
import { PlanPresentation } from './presenter/plan-presentation'
import { PlanBanner, type BannerItem } from './plan-banner'
import { PlanToolbar } from './plan-toolbar'

/**
 * `slots`: what other capabilities show beside the plan (the advice panel), plugged in by the shell.
 * `ownerId`: the editor tab in front; the view shows that tab's last plan.
 */
export function PlanView({ slots, ownerId }: { slots?: PlanSlots; ownerId?: string }) {
  useEffect(() => {
    if (ownerId !== undefined) usePlan.getState().follow(ownerId)
  }, [ownerId])
  const { plan, nodes, error, origin, selectedId, view, source, colourScale, collapsed, expanded, reading, readingNodes, detailsShown, adviceShown, planKey } = usePlan()
  const { load, select, toggleCollapsed, expandGroup } = usePlan.getState()
  const grouped = useMemo(() => hiddenSiblings(nodes, expanded), [nodes, expanded])
  const heat = useMemo(() => heats(nodes, colourScale), [nodes, colourScale])
  const critical = useMemo(() => criticalPath(nodes), [nodes])
  const tree = { nodes, selectedId, heat, critical, collapsed, grouped }
  const [pasting, setPasting] = useState(false)
  const [draft, setDraft] = useState('')
  const comparing = useComparing()
  const presenting = usePresenter((s) => s.presenting)
  const selected = selectedId !== null ? nodes[selectedId] : undefined
  // A pasted plan's statement: found above it in the paste, or saved with its file.
  const pastedQuery = origin?.kind === 'pasted' ? (plan?.query ?? origin.statement) : undefined

  const openText = (text: string) => {
    const file = readPlanFile(text)
    if (load(file.plan, { kind: 'pasted', statement: file.query ?? undefined, serverVersion: file.serverVersion ?? undefined })) {
      setPasting(false)
      setDraft('')
    } else {
      setDraft(file.plan)
      setPasting(true)
    }
  }
  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0]
    if (!file) return
    event.preventDefault()
    void file.text().then(openText)
  }
  const openFile = <OpenPlanFile onText={openText} />

  const paste = (
    <div className="plan-paste">
      <label htmlFor="plan-source">Paste a plan: EXPLAIN output as text (psql, pgAdmin, DBeaver) or FORMAT JSON</label>
      <textarea id="plan-source" value={draft || (error ? source : '')} onChange={(e) => setDraft(e.target.value)} spellCheck={false} rows={12} />
      <PlanParseError error={error} />
      <div className="dialog-buttons">
        <button className="primary" onClick={() => load(draft || source, { kind: 'pasted' }) && (setPasting(false), setDraft(''))}>
          Show plan
        </button>
        {openFile}
        {plan && <button onClick={() => setPasting(false)}>Cancel</button>}
      </div>
      <p className="muted">…or drop a plan file (.tusk-plan.json, EXPLAIN text or JSON) anywhere here.</p>
    </div>
  )
  // Big plans are read in a worker: the page stays usable and says what it is doing.
  const readingNote = reading && (
    <p className="muted" role="status">
      Reading plan…{readingNodes !== null && ` ${readingNodes.toLocaleString('en-US')} nodes`}
    </p>
  )
  if (plan && presenting && !pasting) {
    // Presenter mode: the tree and the node being explained, nothing else (see presenter/).
    return (
      <section className="plan-view plan-presenting" aria-label="Plan">
        <PlanPresentation />
      </section>
    )
  }
  if (plan && comparing && !pasting) {
    return (
      <section className="plan-view" aria-label="Plan">
        <PlanCompareMode />
      </section>
    )
  }
  if (!plan || pasting) {
    return (
      <section className="plan-view" aria-label="Plan" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        {readingNote}
        {/* While a pasted plan is read the box goes: emptying a box holding megabytes freezes the page for a second. */}
        {!(reading && !pasting) && paste}
      </section>
    )
  }

  const ranNote =
    origin?.kind === 'analyze'
      ? `Ran ${origin.effect === 'writes' ? '(it writes) ' : origin.effect === 'may-write' ? '(it may write) ' : ''}inside BEGIN … ROLLBACK. ${rollbackNote(origin.notUndone ?? [])}`
      : null
  const figures = [
    plan.executionTimeMs !== null ? `Execution ${ms(plan.executionTimeMs)}` : 'Estimated plan (not executed)',
    plan.planningTimeMs !== null ? `planning ${ms(plan.planningTimeMs)}` : null,
    `${nodes.length} nodes`,
    plan.serverVersion ? `PostgreSQL ${plan.serverVersion}` : null
  ].filter(Boolean)
  const banner: BannerItem[] = [
    {
      key: 'figures',
      whole: true,
      content: (
        <span className="plan-summary">
          <strong>{figures[0]}</strong>
          {figures.slice(1).map((f) => ` · ${f}`)}
        </span>
      )
    },
    ...(ranNote ? [{ key: 'ran', role: 'note' as const, title: `EXPLAIN ANALYZE ran the statement: ${ranNote}`, content: ranNote, urgent: (origin?.notUndone?.length ?? 0) > 0 }] : []),
    ...(pastedQuery ? [{ key: 'query', title: pastedQuery, content: <PlanQuery query={pastedQuery} /> }] : []),
    ...((collapsed.size > 0 || grouped.size > 0) && view === 'tree'
      ? [
          {
            key: 'big',
            role: 'note' as const,
            content: `A big plan: ${nodes.length} nodes. Subtrees under 5 % of the time are folded, and only the costliest children of a busy node are shown; click a “+N” badge to open one.`
          }
        ]
      : []),
    ...(plan.warnings.length > 0 ? [{ key: 'warnings', title: plan.warnings.join(' · '), content: <span className="muted">{plan.warnings.join(' · ')}</span> }] : []),
    { key: 'overview', facts: true, content: <PlanOverview plan={plan} /> },
    { key: 'compare', whole: true, content: <PlanCompareOffer /> }
  ]

  return (
    <section className="plan-view" aria-label="Plan" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      {readingNote}
      <PlanToolbar
        hasAdvice={slots !== undefined}
        onExportSvg={() => exportSvg(tree)}
        onExportPng={() => void exportPng(tree)}
        onSave={() => savePlanFile(source, origin?.statement ?? plan.query ?? null, plan.serverVersion)}
        paste={
          <button className="small-button" onClick={() => (setDraft(''), setPasting(true))} aria-label="Paste a plan…" title="Paste a plan">
            Paste…
          </button>
        }
        sources={
          <>
            {openFile}
            <PlanCompareButton />
          </>
        }
      />
      <PlanBanner key={planKey} items={banner} />
      <div className="plan-body">
        {view === 'tree' && (
          <PlanTree
            nodes={nodes}
            selectedId={selectedId}
            onSelect={select}
            heat={heat}
            critical={critical}
            collapsed={collapsed}
            onToggle={toggleCollapsed}
            grouped={grouped}
            onExpandGroup={expandGroup}
          />
        )}
        {view === 'grid' && <PlanGrid nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {view === 'icicle' && <PlanIcicle nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {view === 'raw' && <PlanRaw source={source} nodes={nodes} selectedId={selectedId} onSelect={select} />}
        {((selected && detailsShown) || (slots && adviceShown)) && (
          // One column beside the plan: advice first, the selected node's details under it, so the tree keeps its width.
          <div className="plan-side">
            {slots && adviceShown && (
              <slots.AdvicePanel
                planKey={planKey}
                source={source}
                advice={origin?.advice ?? null}
                statement={origin?.kind !== 'pasted' ? (origin?.statement ?? null) : null}
                connectionId={origin?.connectionId ?? null}
                analyzed={origin?.kind === 'analyze'}
                selectedId={selectedId}
                onSelect={select}
                onCompare={(after) => usePlanCompare.getState().compareWithText(after, { kind: 'explain', statement: 'with the suggested index', serverVersion: origin?.serverVersion })}
              />
            )}
            {selected && detailsShown && <PlanDetails node={selected} />}
          </div>
        )}
      </div>
    </section>
  )
}
