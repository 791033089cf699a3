/**
 * The lock graph drawing: sessions as boxes in layers, arrows from each waiter
 * up to what blocks it (lock-graph-layout.ts routes them around the boxes).
 *
 * The drawing is fitted to its canvas whenever the graph or the canvas
 * changes size: a canvas measured while its tab was hidden is 0×0, so fitting
 * only on the graph's first render left a speck until a reload. The scale
 * never goes below what keeps the smallest text at 13 px on screen; a graph
 * too big for that scrolls instead (drag to pan). In presenter mode the
 * boxes may be wide ones (lock-graph-fit.ts picks the shape drawn largest).
 */
import { useEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import type { LockEdge } from '@shared/locks/lock-graph'
import { edgeKey, edgePath, layoutLockGraph, wideBox, type LockGraphLayout, type PlacedNode } from './lock-graph-layout'
import { usePanZoom } from '../../ui/use-pan-zoom'
import { assignEntrances, noEntrances, type Entrances } from './lock-graph-entrance'
import { fitLockGraph } from './lock-graph-fit'

/** Characters that fit a stacked box's width at the meta and query fonts. */
const metaChars = 34
const queryChars = 30
/** A wide box's line of wait and facts, and its query line. */
const wideLineChars = 66

const shortMode = (mode: string | null) => (mode ?? '?').replace(/Lock$/, '')
/** A transaction id lock is how a session waits for another's row: say so. */
const lockedThing = (e: LockEdge) => e.relation ?? (e.locktype === 'transactionid' ? 'row (its transaction)' : e.locktype)
const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text)

/** The canvas's size, kept current (tab shown, window resized, details opened). */
function useSize(ref: RefObject<Element | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      const box = entry!.contentRect
      setSize((old) => (old.width === box.width && old.height === box.height ? old : { width: box.width, height: box.height }))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return size
}

/** What a waiter waits for, one line: a session waits for one lock, whoever holds or queues for it. */
function waitLines(edges: LockEdge[]): Map<number, { wants: string; relation: string }> {
  const waits = new Map<number, { wants: string; relation: string; against: Set<string> }>()
  for (const e of edges) {
    const wait = waits.get(e.waiterPid) ?? { wants: shortMode(e.mode), relation: lockedThing(e), against: new Set<string>() }
    if (e.blockerMode) wait.against.add(shortMode(e.blockerMode))
    waits.set(e.waiterPid, wait)
  }
  return new Map([...waits].map(([pid, w]) => [pid, { wants: w.against.size ? `${w.wants} vs ${[...w.against].join(', ')}` : w.wants, relation: w.relation }]))
}

export function LockGraph({
  edges,
  layout: stacked,
  sessions,
  selectedPid,
  onSelect,
  presenting = false
}: {
  edges: LockEdge[]
  /** The layout in stacked boxes (the one outside presenter mode). */
  layout: LockGraphLayout
  sessions: Map<number, ActivitySession>
  selectedPid: number | null
  onSelect: (pid: number) => void
  /** Presenter mode: larger, and sessions and arrows enter one after another (lock-graph-entrance.ts). */
  presenting?: boolean
}) {
  const svgRef = useRef<SVGSVGElement>(null)
  const contentRef = useRef<SVGGElement>(null)
  const { fit } = usePanZoom(svgRef, contentRef, [0.1, 3])
  const size = useSize(svgRef)
  const wide = useMemo(() => (presenting ? layoutLockGraph(edges, wideBox) : null), [presenting, edges])
  const placed = fitLockGraph(wide ? [stacked, wide] : [stacked], size, presenting)
  const layout = placed.layout
  const shape = `${layout.box.kind}:${layout.width}x${layout.height}`
  useEffect(() => {
    if (size.width === 0 || size.height === 0) return
    fit(placed.x, placed.y, placed.k)
    // Fitted when the graph or the canvas changes size, not on every render (`fit` is a new function each time).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, size.width, size.height, presenting])
  const entrancesRef = useRef<Entrances>(noEntrances)
  const entrances = useMemo(() => (entrancesRef.current = presenting ? assignEntrances(entrancesRef.current, layout, edges) : noEntrances), [presenting, layout, edges])
  const enter = (delay: number | undefined): CSSProperties | undefined => (presenting && delay !== undefined ? { animationDelay: `${delay}ms` } : undefined)
  const waits = waitLines(edges)
  const now = Date.now()
  return (
    <svg ref={svgRef} className={presenting ? 'lock-graph presenting' : 'lock-graph'} role="img" aria-label={`Lock graph: ${edges.length} waits`}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
      <g ref={contentRef}>
        {edges.map((e) => {
          const route = layout.edges.get(edgeKey(e))
          if (!route) return null
          const cycle = layout.cycleEdges.has(edgeKey(e))
          return (
            <g key={`${edgeKey(e)}-${e.locktype}`} className={`lock-edge edge-${e.kind}${cycle ? ' edge-cycle' : ''}`} data-kind={e.kind} style={enter(entrances.edges.get(edgeKey(e)))}>
              {/* pathLength 1: presenter mode draws a hard block's arrow from the waiter up to its blocker. */}
              <path d={edgePath(route.points)} markerEnd="url(#arrow)" pathLength={presenting && e.kind === 'hard' ? 1 : undefined} style={enter(entrances.edges.get(edgeKey(e)))} />
              <title>
                {`pid ${e.waiterPid} wants ${e.mode} on ${e.relation ?? e.locktype}; pid ${e.blockerPid} ${e.kind === 'hard' ? `holds ${e.blockerMode ?? '?'}` : 'is queued ahead'}${cycle ? ' (deadlock cycle)' : ''}`}
              </title>
            </g>
          )
        })}
        {layout.nodes.map((n) => {
          const s = sessions.get(n.pid)
          const age = s?.transactionStart ? (now - s.transactionStart) / 1000 : 0
          // Older transactions draw a thicker frame: they are the ones to look at.
          const frame = Math.min(8, 2 + Math.log2(1 + age))
          const wait = waits.get(n.pid)
          const facts = [wait?.relation ?? '', s?.state ?? '', age ? `tx ${age.toFixed(0)} s` : ''].filter(Boolean).join(' · ')
          return (
            <g
              key={n.pid}
              transform={`translate(${n.x},${n.y})`}
              className={`lock-node${n.isRoot ? ' root' : ''}${n.onCycle ? ' cycle' : ''}${selectedPid === n.pid ? ' selected' : ''}`}
              data-pid={n.pid}
              role="button"
              tabIndex={0}
              aria-label={`Session ${n.pid}${n.isRoot ? ', root blocker' : ''}`}
              onClick={() => onSelect(n.pid)}
              onKeyDown={(event) => event.key === 'Enter' && onSelect(n.pid)}
              style={enter(entrances.nodes.get(n.pid))}
            >
              <rect width={layout.box.width} height={layout.box.height} rx={10} strokeWidth={frame} />
              <BoxText node={n} boxWidth={layout.box.width} wide={layout.box.kind === 'wide'} wait={wait ? `${n.onCycle ? 'cycle · ' : ''}${wait.wants}` : 'blocks the sessions below'} facts={facts} query={(s?.query ?? '').replace(/\s+/g, ' ')} />
            </g>
          )
        })}
      </g>
    </svg>
  )
}

/** A box's lines: stacked, title / wait / facts / query; wide, title / wait · facts / query. */
function BoxText({ node, boxWidth, wide, wait, facts, query }: { node: PlacedNode; boxWidth: number; wide: boolean; wait: string; facts: string; query: string }) {
  const head = (
    <>
      <text x={12} y={25} className="node-title">
        {node.pid === 0 ? 'prepared transaction' : `pid ${node.pid}`}
      </text>
      {node.isRoot && (
        <text x={boxWidth - 12} y={25} textAnchor="end" className="node-tag">
          ROOT BLOCKER
        </text>
      )}
    </>
  )
  if (wide) {
    const shownWait = clip(wait, wideLineChars / 2)
    return (
      <>
        {head}
        <text x={12} y={48} className="node-line">
          <tspan className="node-wait">{shownWait}</tspan>
          <tspan className="node-meta">{facts ? clip(` · ${facts}`, wideLineChars - shownWait.length) : ''}</tspan>
        </text>
        <text x={12} y={70} className="node-query">
          {clip(query, wideLineChars)}
        </text>
      </>
    )
  }
  return (
    <>
      {head}
      <text x={12} y={49} className="node-wait">
        {clip(wait, metaChars)}
      </text>
      <text x={12} y={72} className="node-meta">
        {clip(facts, metaChars)}
      </text>
      <text x={12} y={95} className="node-query">
        {clip(query, queryChars)}
      </text>
    </>
  )
}
