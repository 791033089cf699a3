/**
 * One row per node, indented, like explain.depesz.com: where the time goes, at
 * a glance. Sortable by any figure (indentation only shows in plan order), and
 * with the time added up per node type and per table.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { summarizeByNodeType, summarizeByTable } from '@shared/explain/analyse/plan-summaries'
import { DetailTable, TableCell, type DetailCell } from '../../ui/detail-table'
import { ViewSwitch } from '../../ui/view-switch'
import { nextSort, sortGridRows, type GridSort, type GridSortKey } from './plan-grid-columns'
import { fmtRows, heat, misestimateLabel, ms, nodeTarget, nodeTitle } from './plan-format'

type GridTab = 'nodes' | 'types' | 'tables'

const gridTabs: ReadonlyArray<readonly [GridTab, string]> = [
  ['nodes', 'Nodes'],
  ['types', 'Per node type'],
  ['tables', 'Per table']
]

export function PlanGrid({ nodes, selectedId, onSelect }: { nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const [tab, setTab] = useState<GridTab>('nodes')
  return (
    <div className="plan-grid-pane">
      <ViewSwitch as="div" views={gridTabs} active={tab} onSelect={setTab} label="Grid views" className="plan-views plan-grid-tabs" />
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
                <TableCell cell={timeShare(f.exclusiveMs, f.exclusivePercent)} />
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
      <DetailTable
        className="plan-grid"
        label="Time per node type"
        head={['Node type', 'Nodes', 'Exclusive time']}
        rows={summary.map((s) => ({ key: s.nodeType, cells: [s.nodeType, s.count, timeShare(s.exclusiveMs, s.exclusivePercent)] }))}
      />
    </div>
  )
}

function TableSummaryTable({ nodes }: { nodes: FlatNode[] }) {
  const summary = useMemo(() => summarizeByTable(nodes), [nodes])
  if (summary.length === 0) return <p className="muted">This plan reads no table.</p>
  return (
    <div className="plan-grid-scroll">
      <DetailTable
        className="plan-grid"
        label="Time per table"
        head={['Table', 'Read by', 'Exclusive time', 'Rows returned', 'Rows thrown away', 'Blocks read']}
        rows={summary.map((s) => ({
          key: s.table,
          cells: [
            s.table,
            { node: <>{s.count} × {s.accessPaths.join(', ')}</> },
            timeShare(s.exclusiveMs, s.exclusivePercent),
            fmtRows(s.rowsReturned),
            s.rowsRemoved !== null ? fmtRows(s.rowsRemoved) : '',
            s.sharedRead !== null ? fmtRows(s.sharedRead) : ''
          ]
        }))}
      />
    </div>
  )
}

/** A time cell tinted by its share of the whole. */
function timeShare(value: number | null, percent: number | null): DetailCell {
  return {
    style: { background: `color-mix(in srgb, var(--plan-hot) ${Math.round(heat(percent) * 70)}%, transparent)` },
    node: (
      <>
        {ms(value)}
        {percent !== null && <span className="muted"> {percent.toFixed(1)}%</span>}
      </>
    )
  }
}
