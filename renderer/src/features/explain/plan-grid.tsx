/**
 * One row per node, indented, like explain.depesz.com: where the time goes, at
 * a glance. Sortable by any figure (indentation only shows in plan order), and
 * with the time added up per node type and per table.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { FlatNode } from '@shared/explain/plan-metrics'
import { summarizeByNodeType, summarizeByTable } from '@shared/explain/plan-summaries'
import { nextSort, sortGridRows, type GridSort, type GridSortKey } from './plan-grid-columns'
import { fmtRows, heat, misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'

type GridTab = 'nodes' | 'types' | 'tables'

export function PlanGrid({ nodes, selectedId, onSelect }: { nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const [tab, setTab] = useState<GridTab>('nodes')
  return (
    <div className="plan-grid-pane">
      <div role="tablist" aria-label="Grid views" className="plan-views plan-grid-tabs">
        <button role="tab" aria-selected={tab === 'nodes'} onClick={() => setTab('nodes')}>
          Nodes
        </button>
        <button role="tab" aria-selected={tab === 'types'} onClick={() => setTab('types')}>
          Per node type
        </button>
        <button role="tab" aria-selected={tab === 'tables'} onClick={() => setTab('tables')}>
          Per table
        </button>
      </div>
      {tab === 'nodes' && <NodeRows nodes={nodes} selectedId={selectedId} onSelect={onSelect} />}
      {tab === 'types' && <NodeTypeSummaryTable nodes={nodes} />}
      {tab === 'tables' && <TableSummaryTable nodes={nodes} />}
    </div>
  )
}

/** Rows are measured as drawn (a long node name wraps); this is the guess for rows not yet drawn. */
const estimatedRowHeight = 33

function NodeRows({ nodes, selectedId, onSelect }: { nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const [sort, setSort] = useState<GridSort>({ key: 'order', descending: false })
  const rows = useMemo(() => sortGridRows(nodes, sort), [nodes, sort])
  const inPlanOrder = sort.key === 'order' && !sort.descending
  // Only the rows in view are in the DOM: a 10,000-node plan's grid opens and scrolls at once.
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => estimatedRowHeight, overscan: 20 })
  const items = virtualizer.getVirtualItems()
  const above = items[0]?.start ?? 0
  const below = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)
  // A node selected elsewhere (tree, raw view) is brought into view here too.
  // (Not on a new sort: the reader then wants the top of the list.)
  const latestRows = useRef(rows)
  latestRows.current = rows
  useEffect(() => {
    const index = latestRows.current.findIndex((f) => f.id === selectedId)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [selectedId, virtualizer])
  const header = (key: GridSortKey, label: string, title?: string) => (
    <th aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'} title={title}>
      <button className="plan-grid-sort" onClick={() => setSort(nextSort(sort, key))}>
        {label}
        {sort.key === key && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>}
      </button>
    </th>
  )
  return (
    <div className="plan-grid-scroll" ref={scroller}>
      <table className="plan-grid" aria-label="Plan nodes" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            {header('order', '#', 'Plan order')}
            <th>Node</th>
            {header('exclusive', 'Exclusive', 'Own time: the node without its children')}
            {header('inclusive', 'Inclusive', 'The node with everything below it')}
            {header('rows', 'Rows', 'Rows returned per loop, as EXPLAIN prints them')}
            {header('misestimate', 'Estimate', 'Planned rows per loop, and how far off the estimate was')}
            {header('loops', 'Loops')}
            {header('read', 'Read', 'Blocks read from outside the shared buffer cache (shared + temp), the node’s own')}
            {header('removed', 'Removed', 'Share of the rows read that filters threw away')}
          </tr>
        </thead>
        <tbody>
          {above > 0 && <SpacerRow height={above} />}
          {items.map((item) => {
            const f = rows[item.index]!
            return (
              <tr
                key={f.id}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className={selectedId === f.id ? 'selected' : undefined}
                onClick={() => onSelect(f.id)}
              >
                <td>{f.id}</td>
                <td className="plan-grid-node" style={{ paddingLeft: 8 + (inPlanOrder ? f.depth * 18 : 0) }}>
                  <strong>{nodeTitle(f)}</strong> {nodeTarget(f)}
                  {f.spilled && <span className="badge badge-spill">spill</span>}
                </td>
                <TimeShare ms={f.exclusiveMs} percent={f.exclusivePercent} />
                <td>{ms(f.inclusiveMs)}</td>
                <td>{fmtRows(f.node.actualRows)}</td>
                <td className={f.misestimate && f.misestimate.factor >= 10 ? 'plan-misestimate' : undefined}>
                  {fmtRows(f.node.planRows)} {misestimateLabel(f)}
                </td>
                <td>{fmtRows(f.node.loops)}</td>
                <td>{f.exclusiveBuffers ? fmtRows(f.exclusiveBuffers.shared.read + f.exclusiveBuffers.temp.read) : ''}</td>
                <td className={f.rowsRemovedPercent !== null && f.rowsRemovedPercent >= 50 ? 'plan-misestimate' : undefined}>
                  {f.rowsRemovedPercent !== null ? `${f.rowsRemovedPercent.toFixed(0)} %` : ''}
                </td>
              </tr>
            )
          })}
          {below > 0 && <SpacerRow height={below} />}
        </tbody>
      </table>
    </div>
  )
}

/** Stands for the rows scrolled out of view, so the scrollbar stays true. */
function SpacerRow({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="plan-grid-spacer">
      <td colSpan={9} style={{ height, padding: 0, border: 0 }} />
    </tr>
  )
}

function NodeTypeSummaryTable({ nodes }: { nodes: FlatNode[] }) {
  const summary = useMemo(() => summarizeByNodeType(nodes), [nodes])
  return (
    <div className="plan-grid-scroll">
      <table className="plan-grid" aria-label="Time per node type">
        <thead>
          <tr>
            <th>Node type</th>
            <th>Nodes</th>
            <th>Exclusive time</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((s) => (
            <tr key={s.nodeType}>
              <td>{s.nodeType}</td>
              <td>{s.count}</td>
              <TimeShare ms={s.exclusiveMs} percent={s.exclusivePercent} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function TableSummaryTable({ nodes }: { nodes: FlatNode[] }) {
  const summary = useMemo(() => summarizeByTable(nodes), [nodes])
  if (summary.length === 0) return <p className="muted">This plan reads no table.</p>
  return (
    <div className="plan-grid-scroll">
      <table className="plan-grid" aria-label="Time per table">
        <thead>
          <tr>
            <th>Table</th>
            <th>Read by</th>
            <th>Exclusive time</th>
            <th>Rows returned</th>
            <th>Rows thrown away</th>
            <th>Blocks read</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((s) => (
            <tr key={s.table}>
              <td>{s.table}</td>
              <td>
                {s.count} × {s.accessPaths.join(', ')}
              </td>
              <TimeShare ms={s.exclusiveMs} percent={s.exclusivePercent} />
              <td>{fmtRows(s.rowsReturned)}</td>
              <td>{s.rowsRemoved !== null ? fmtRows(s.rowsRemoved) : ''}</td>
              <td>{s.sharedRead !== null ? fmtRows(s.sharedRead) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function TimeShare({ ms: value, percent }: { ms: number | null; percent: number | null }) {
  return (
    <td style={{ background: `color-mix(in srgb, var(--plan-hot) ${Math.round(heat(percent) * 70)}%, transparent)` }}>
      {ms(value)}
      {percent !== null && <span className="muted"> {percent.toFixed(1)}%</span>}
    </td>
  )
}
