/**
 * The plan as a tree: node cards laid out by d3-hierarchy with sizes computed,
 * not measured; colour by the chosen scale, edge width by rows; pan and zoom.
 *
 * Only what is on screen is drawn (plus a margin): panning moves one group's
 * transform and redraws nothing until the view leaves the drawn region; far
 * out, cards lose their text. A minimap shows where the view is on big trees.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ZoomTransform } from 'd3'
import { usePanZoom } from '../../ui/use-pan-zoom'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { PlanMinimap, type MinimapHandle } from './plan-minimap'
import { PlanTreeDrawing, type TreeActions } from './plan-tree-drawing'
import { cardHeight, cardWidth } from './plan-tree-layout'
import { hotPathOf } from './plan-memo'
import { useAppearance } from '../../app-state/appearance-store'
import { startView, type StartView } from './plan-tree-start-view'
import { usePlanTreeModel, type PlanTreeProps } from './plan-tree-model'
import { cull, placedCard } from './plan-tree-culling'
import { contains, detailScale, regionOnScreen, withMargin, type Region } from './plan-tree-viewport'

interface Props extends PlanTreeProps {
  /** The starting zoom's bounds (presenter mode: large type for a room, panning for the rest). */
  startZoom?: readonly [min: number, max: number]
  /** Bring the selected card wholly into view, not only when it is off screen (presenter mode's walk). */
  keepSelectedWhole?: boolean
  onSelect: (id: number) => void
  onToggle: (id: number) => void
  onExpandGroup: (id: number) => void
}

/** Trees with fewer cards than this pan easily without an overview. */
const minimapNodes = 30

const zoomStep = 1.25

export function PlanTree(props: Props) {
  const { nodes, selectedId, collapsed, onSelect, onToggle, onExpandGroup } = props
  const svgRef = useRef<SVGSVGElement>(null)
  const contentRef = useRef<SVGGElement>(null)
  const minimapRef = useRef<MinimapHandle>(null)
  const { layout, childrenOf, emphasis } = usePlanTreeModel(props)
  // The root down to the node with the most own time (or cost): what the view opens on.
  const hotPath = hotPathOf(nodes)
  // A+/A− scale the tree with the rest of the app.
  const textScale = useAppearance((s) => s.textScale)
  const shownTextScale = useRef(textScale)

  // What is drawn: a region of the tree around the view, and whether cards carry text (for which plan).
  const [drawnState, setDrawn] = useState<Drawn | null>(null)
  const drawnRef = useRef(drawnState)
  const transformRef = useRef<ZoomTransform | null>(null)
  const panelRef = useRef({ width: 0, height: 0 })
  // A new plan is drawn at its starting view in its first render, on a guess of the panel's size (the last one
  // measured, else the window's): measuring first would draw and lay out the page twice before the first frame.
  const [guessedPanel] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }))
  const drawn = drawnState?.nodes === nodes ? drawnState : startingDrawn(nodes, panelRef.current.width > 0 ? panelRef.current : guessedPanel, (panel) => startView(layout, hotPath, panel.width, panel.height, textScale, props.startZoom))
  const [showMinimap, setShowMinimap] = useState(false)

  // The plan on screen, for the pan/zoom and resize listeners installed once.
  const nodesRef = useRef(nodes)
  nodesRef.current = nodes
  const onView = (transform: ZoomTransform) => {
    const nodes = nodesRef.current
    transformRef.current = transform
    const { width, height } = panelRef.current
    const onScreen = regionOnScreen(transform, width, height)
    minimapRef.current?.showRegion(onScreen)
    const detailed = transform.k >= detailScale
    const current = drawnRef.current
    if (current && current.nodes === nodes && current.detailed === detailed && contains(current.region, onScreen)) return
    drawnRef.current = { region: withMargin(onScreen), detailed, nodes }
    setDrawn(drawnRef.current)
  }
  const { fit, centreOn, zoomBy } = usePanZoom(svgRef, contentRef, [0.1, 2.5], onView)
  const fitTree = () => {
    const { width, height } = panelRef.current
    const view = startView(layout, hotPath, width, height, textScale)
    fit(view.x, view.y, view.k)
  }
  useEffect(() => {
    if (shownTextScale.current === textScale) return
    zoomBy(textScale / shownTextScale.current)
    shownTextScale.current = textScale
    // zoomBy writes to the drawing; it changes with nothing React knows of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [textScale])

  // A fold or a group opened from a card: that card stays where it was on screen.
  const anchor = useRef<{ id: number; x: number; y: number } | null>(null)
  const keepInPlace = (id: number) => {
    const p = placedCard(layout, id)
    const t = transformRef.current
    anchor.current = p && t ? { id, x: t.applyX(p.x), y: t.applyY(p.y) } : null
  }
  const actions = useMemo<TreeActions>(
    () => ({ onSelect, onToggle: (id) => (keepInPlace(id), onToggle(id)), onExpandGroup: (id) => (keepInPlace(id), onExpandGroup(id)) }),
    // keepInPlace reads refs and the layout of the click's moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onSelect, onToggle, onExpandGroup, layout]
  )

  // A new plan is fitted to the panel; a changed layout of the same plan keeps its anchor card in place.
  const shownPlan = useRef<FlatNode[] | null>(null)
  useLayoutEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const { width, height } = svg.getBoundingClientRect()
    panelRef.current = { width, height }
    // The guess drawn in this render is kept when the starting view lies inside it.
    if (drawn !== drawnState) {
      drawnRef.current = drawn
      setDrawn(drawn)
    }
    const start = startView(layout, hotPath, width, height, textScale, props.startZoom)
    shownTextScale.current = textScale
    setShowMinimap(!start.fits && layout.placed.length >= minimapNodes)
    const moved = anchor.current && placedCard(layout, anchor.current.id)
    const k = transformRef.current?.k
    if (shownPlan.current === nodes && moved && k) fit(anchor.current!.x - moved.x * k, anchor.current!.y - moved.y * k, k)
    else if (shownPlan.current !== nodes || !transformRef.current) fit(start.x, start.y, start.k)
    else onView(transformRef.current)
    shownPlan.current = nodes
    anchor.current = null
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout])

  // The panel resized: what is on screen changed.
  useEffect(() => {
    const svg = svgRef.current
    if (!svg) return
    const observer = new ResizeObserver(() => {
      const { width, height } = svg.getBoundingClientRect()
      panelRef.current = { width, height }
      if (transformRef.current) onView(transformRef.current)
    })
    observer.observe(svg)
    return () => observer.disconnect()
  }, [])

  // Where a glide under way ends: a step taken meanwhile is judged against that view, not the one in passing.
  const glide = useRef<{ until: number; x: number; y: number; k: number } | null>(null)
  // A node selected off screen (keyboard, grid, raw view) is brought into view;
  // not the root a plan opens with selected: the view opens on the hot path.
  const selectedIn = useRef<FlatNode[] | null>(null)
  useEffect(() => {
    const opening = selectedIn.current !== nodes
    selectedIn.current = nodes
    if (opening && selectedId === 0) return
    const t = transformRef.current
    const p = placedCard(layout, selectedId)
    if (!t || !p) return
    const onScreen = regionOnScreen(t, panelRef.current.width, panelRef.current.height)
    if (props.keepSelectedWhole) {
      // Presenter mode: every node revealed so far whole on screen and centred when they fit, else the node
      // explained and its inputs (its children).
      const { width, height } = panelRef.current
      const gliding = glide.current && glide.current.until > performance.now() ? glide.current : null
      const view = gliding ? regionOnScreen(gliding, width, height) : onScreen
      const revealed = props.revealed ? cardsBox(layout.placed.filter((q) => props.revealed!.has(q.data.flat.id))) : null
      const fits = (b: Region) => b.x1 - b.x0 <= view.x1 - view.x0 && b.y1 - b.y0 <= view.y1 - view.y0
      const box = revealed && fits(revealed) ? revealed : cardsBox([p, ...(p.children ?? [])])
      const [cx, cy] = [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]
      // Whole on screen and near the middle: the view stays still; otherwise it glides to centre them.
      const offCentre = Math.abs(cx - (view.x0 + view.x1) / 2) > (view.x1 - view.x0) * 0.15 || Math.abs(cy - (view.y0 + view.y1) / 2) > (view.y1 - view.y0) * 0.15
      if (contains(view, box) && !offCentre) return
      glide.current = { until: performance.now() + 450, k: t.k, x: width / 2 - cx * t.k, y: height / 2 - cy * t.k }
      centreOn(cx, cy, 400)
      return
    }
    const seen = p.x + cardWidth > onScreen.x0 && p.x < onScreen.x1 && p.y + cardHeight > onScreen.y0 && p.y < onScreen.y1
    if (!seen) centreOn(p.x + cardWidth / 2, p.y + cardHeight / 2)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, layout])

  const shown = useMemo(() => {
    const inView = cull(layout, drawn.region, props.critical)
    // The selected card stays drawn wherever it is: it may hold the keyboard focus.
    const selected = placedCard(layout, selectedId)
    if (selected && !inView.placed.includes(selected)) inView.placed.push(selected)
    return inView
  }, [layout, drawn, selectedId, props.critical])

  // Arrow keys walk the tree: up to the parent, down to the first child, left/right among siblings.
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (selectedId === null) return
    const current = nodes[selectedId]!
    const siblings = current.parentId === null ? [0] : (childrenOf.get(current.parentId) ?? [])
    const at = siblings.indexOf(selectedId)
    const next =
      event.key === 'ArrowUp'
        ? current.parentId
        : event.key === 'ArrowDown'
          ? collapsed.has(selectedId)
            ? null
            : (childrenOf.get(selectedId)?.[0] ?? null)
          : event.key === 'ArrowLeft'
            ? (siblings[at - 1] ?? null)
            : event.key === 'ArrowRight'
              ? (siblings[at + 1] ?? null)
              : null
    if (event.key === '+' || event.key === '=' || event.key === '-' || event.key === '0') {
      event.preventDefault()
      if (event.key === '0') fitTree()
      else zoomBy(event.key === '-' ? 1 / zoomStep : zoomStep)
      return
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      if (childrenOf.has(selectedId)) actions.onToggle(selectedId)
    } else if (next !== null && next !== undefined) {
      event.preventDefault()
      onSelect(next)
    }
  }

  return (
    <div className="plan-tree-frame">
      <svg ref={svgRef} className="plan-tree" role="img" tabIndex={0} onKeyDown={onKeyDown} aria-label={`Plan tree: ${nodes.length} nodes`}>
        <g ref={contentRef} className={!drawn.detailed ? 'plan-tree-far' : undefined}>
          <PlanTreeDrawing placed={shown.placed} links={shown.links} emphasis={emphasis} detailed={drawn.detailed} actions={actions} />
        </g>
      </svg>
      <div className="plan-zoom-controls" role="group" aria-label="Zoom">
        <button onClick={() => zoomBy(zoomStep)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button onClick={() => zoomBy(1 / zoomStep)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <button onClick={fitTree} aria-label="Fit the tree" title="Fit the tree (0): the whole tree, or its hot path when the whole would be too small to read">
          ⤢
        </button>
      </div>
      {showMinimap && <PlanMinimap ref={minimapRef} layout={layout} critical={props.critical} selectedId={selectedId} onMove={centreOn} initialRegion={drawnRegionOnScreen(transformRef.current, panelRef.current)} />}
    </div>
  )
}

/** The part of a tree drawn: around the view, with or without card text, for the plan `nodes`. */
interface Drawn {
  region: Region
  detailed: boolean
  nodes: FlatNode[]
}

/** What a plan's starting view draws in a panel of the given size. */
function startingDrawn(nodes: FlatNode[], panel: { width: number; height: number }, startOf: (panel: { width: number; height: number }) => StartView): Drawn {
  const start = startOf(panel)
  return { region: withMargin(regionOnScreen(start, panel.width, panel.height)), detailed: start.k >= detailScale, nodes }
}

/** The box around some cards, in tree coordinates. */
function cardsBox(cards: Array<{ x: number; y: number }>): Region {
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }
  for (const c of cards) {
    box.x0 = Math.min(box.x0, c.x)
    box.y0 = Math.min(box.y0, c.y)
    box.x1 = Math.max(box.x1, c.x + cardWidth)
    box.y1 = Math.max(box.y1, c.y + cardHeight)
  }
  return box
}

function drawnRegionOnScreen(t: ZoomTransform | null, panel: { width: number; height: number }): Region | null {
  return t ? regionOnScreen(t, panel.width, panel.height) : null
}
