/**
 * Two plans side by side: one row per matched pair (or per node only one plan
 * has), A's node and own time on the left, B's on the right, the change in
 * between coloured better (green) or worse (red); totals on top.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { comparePlans, delta, planSide, type ComparedRow, type PlanComparison } from '@shared/explain/analyse/plan-compare'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { ms, nodeTarget, nodeTitle } from '../plan-format'
import { changeLabel, fromTo, msFromTo, originLabel, speedLabel } from './compare-format'
import { PlanCompareDetails } from './plan-compare-details'
import { usePlanCompare, type ComparedPlan, type CompareSelection } from './plan-compare-store'

const sharedBlocks = (f: FlatNode | undefined) => (f?.node.buffers ? f.node.buffers.shared.hit + f.node.buffers.shared.read : null)

export function PlanCompareView() {
  const { a, b, selection } = usePlanCompare()
  const comparison = useMemo(() => (a && b ? comparePlans(planSide(a.plan, a.nodes), planSide(b.plan, b.nodes)) : null), [a, b])
  if (!a || !b || !comparison) return null
  return (
    <>
      <CompareTotals a={a} b={b} comparison={comparison} />
      <div className="compare-body">
        <CompareGrid a={a} b={b} comparison={comparison} selection={selection} />
        {selection && comparison.rows[selection.row] && <PlanCompareDetails a={a} b={b} row={comparison.rows[selection.row]!} />}
      </div>
    </>
  )
}

function CompareTotals({ a, b, comparison }: { a: ComparedPlan; b: ComparedPlan; comparison: PlanComparison }) {
  const { pickB, swap, close } = usePlanCompare.getState()
  const t = comparison.totals
  const ran = t.executionMs.verdict !== 'unknown'
  const { same, changed, added, removed } = comparison.counts
  return (
    <section className="compare-header" aria-label="Comparison totals">
      <div className="compare-header-row">
        <div className="compare-sides">
          <span title={a.origin?.statement}>
            <span className="compare-tag compare-tag-a">A</span> {originLabel(a.origin)}
          </span>
          <span title={b.origin?.statement}>
            <span className="compare-tag compare-tag-b">B</span> {originLabel(b.origin)}
          </span>
        </div>
        <span className="spacer" />
        <button onClick={swap} title="Make B the plan compared against">
          Swap A ⇄ B
        </button>
        <button onClick={pickB}>Compare with another…</button>
        <button onClick={close}>Close comparison</button>
      </div>
      <div className="compare-totals">
        <span className={`compare-speed verdict-${t.speed?.direction === 'faster' ? 'better' : t.speed?.direction === 'slower' ? 'worse' : 'same'}`}>
          {ran ? (
            <>
              Execution {msFromTo(t.executionMs)}
            </>
          ) : (
            <>Estimated cost {fromTo(t.totalCost, (v) => (v === null ? '—' : v.toFixed(0)))}</>
          )}{' '}
          <strong>{speedLabel(t.speed)}</strong>
        </span>
        {t.planningMs.verdict !== 'unknown' && <span>Planning {msFromTo(t.planningMs)}</span>}
        {t.sharedHit.verdict !== 'unknown' && (
          <span className={`verdict-${t.sharedHit.verdict}`}>Shared hit {fromTo(t.sharedHit)}</span>
        )}
        {t.sharedRead.verdict !== 'unknown' && <span className={`verdict-${t.sharedRead.verdict}`}>read {fromTo(t.sharedRead)}</span>}
        {(t.tempBlocks.a || t.tempBlocks.b) ? <span className={`verdict-${t.tempBlocks.verdict}`}>temp {fromTo(t.tempBlocks)}</span> : null}
        {ran && <span className="muted">cost {fromTo(t.totalCost, (v) => (v === null ? '—' : v.toFixed(0)))}</span>}
        <span className="compare-counts">
          {same} same · <span className="mark-changed">{changed} changed</span> · <span className="mark-added">{added} only in B</span> ·{' '}
          <span className="mark-removed">{removed} only in A</span>
        </span>
      </div>
    </section>
  )
}

function CompareGrid({ a, b, comparison, selection }: { a: ComparedPlan; b: ComparedPlan; comparison: PlanComparison; selection: CompareSelection | null }) {
  const { select } = usePlanCompare.getState()
  const scroller = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (selection) scroller.current?.querySelector(`[data-row="${selection.row}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [selection])
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      if (selection) select({ ...selection, side: event.key === 'ArrowLeft' ? 'a' : 'b' })
      event.preventDefault()
      return
    }
    if (!step) return
    event.preventDefault()
    const row = Math.max(0, Math.min(comparison.rows.length - 1, (selection?.row ?? -1) + step))
    select({ row, side: selection?.side ?? 'a' })
  }
  return (
    <div className="plan-grid-scroll compare-scroll" ref={scroller} tabIndex={0} onKeyDown={onKeyDown}>
      <table className="plan-compare" aria-label="Plan comparison">
        <colgroup>
          <col className="compare-col-node" />
          <col className="compare-col-time" />
          <col className="compare-col-delta" />
          <col className="compare-col-figure" />
          <col className="compare-col-figure" />
          <col className="compare-col-node" />
          <col className="compare-col-time" />
        </colgroup>
        <thead>
          <tr>
            <th className="compare-node-head">
              <span className="compare-tag compare-tag-a">A</span> node
            </th>
            <th title="The node's own time">Time</th>
            <th className="compare-delta-head" title="Change of the node's own time, B against A">
              Δ time
            </th>
            <th className="compare-delta-head" title="Rows over all loops, A → B">
              Rows
            </th>
            <th className="compare-delta-head" title="Shared buffers hit and read, A → B">
              Buffers
            </th>
            <th className="compare-node-head">
              <span className="compare-tag compare-tag-b">B</span> node
            </th>
            <th title="The node's own time">Time</th>
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row, index) => (
            <CompareRow key={index} index={index} row={row} a={a} b={b} selection={selection} onSelect={select} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function CompareRow(props: { index: number; row: ComparedRow; a: ComparedPlan; b: ComparedPlan; selection: CompareSelection | null; onSelect: (s: CompareSelection) => void }) {
  const { index, row, a, b, selection, onSelect } = props
  const fa = row.a !== null ? a.nodes[row.a] : undefined
  const fb = row.b !== null ? b.nodes[row.b] : undefined
  const selected = selection?.row === index
  const sideClass = (side: 'a' | 'b') => (selected ? (selection.side === side ? 'picked' : 'match') : '')
  const time = row.deltas?.exclusiveMs
  const buffers = row.deltas ? delta(sharedBlocks(fa), sharedBlocks(fb), 'count') : null
  return (
    <tr data-row={index} className={`compare-row status-${row.status}${selected ? ' selected' : ''}`} aria-selected={selected}>
      <NodeCell f={fa} row={row} side="a" className={sideClass('a')} onClick={() => onSelect({ row: index, side: 'a' })} />
      <td className={`compare-time ${sideClass('a')}`} onClick={() => onSelect({ row: index, side: 'a' })}>
        {fa ? ms(fa.exclusiveMs) : ''}
      </td>
      <td className={`compare-delta verdict-${time?.verdict ?? 'unknown'}`} title={time ? msFromTo(time) : undefined}>
        {time ? changeLabel(time, ms) : ''}
      </td>
      <td className={`compare-delta verdict-${row.deltas?.rows.verdict ?? 'unknown'}`}>{row.deltas ? fromTo(row.deltas.rows) : ''}</td>
      <td className={`compare-delta verdict-${buffers?.verdict ?? 'unknown'}`}>{buffers && buffers.verdict !== 'unknown' ? fromTo(buffers) : ''}</td>
      <NodeCell f={fb} row={row} side="b" className={sideClass('b')} onClick={() => onSelect({ row: index, side: 'b' })} />
      <td className={`compare-time ${sideClass('b')}`} onClick={() => onSelect({ row: index, side: 'b' })}>
        {fb ? ms(fb.exclusiveMs) : ''}
      </td>
    </tr>
  )
}

// A changed node says what changed instead of a badge.
const marks: Record<ComparedRow['status'], string> = { same: '', changed: '', added: 'only in B', removed: 'only in A' }

function NodeCell({ f, row, side, className, onClick }: { f: FlatNode | undefined; row: ComparedRow; side: 'a' | 'b'; className: string; onClick: () => void }) {
  if (!f) return <td className={`compare-node compare-empty ${className}`} aria-label={side === 'a' ? 'not in plan A' : 'not in plan B'} />
  const title = `${nodeTitle(f)} ${nodeTarget(f)}`.trim()
  return (
    <td className={`compare-node ${className}`} data-side={side} onClick={onClick} title={title}>
      <div style={{ paddingLeft: f.depth * 14 }}>
        <strong>{nodeTitle(f)}</strong> <span className="muted">{nodeTarget(f)}</span>
        {marks[row.status] && <span className={`badge compare-badge mark-${row.status}`}>{marks[row.status]}</span>}
      </div>
      {side === 'b' && row.changes.length > 0 && (
        <div className="compare-changes" style={{ paddingLeft: f.depth * 14 }}>
          {row.changes.join(' · ')}
        </div>
      )}
    </td>
  )
}
