/**
 * The whole tree's shape in a corner, with the view as a rectangle: a click
 * or a drag on it moves the view there. Cards are one path (a few thousand
 * little boxes in one element), the critical path a second one on top.
 */
import { forwardRef, useImperativeHandle, useMemo, useRef, type PointerEvent } from 'react'
import { cardHeight, cardWidth, type PlanTreeLayout } from './plan-tree-layout'
import type { Region } from './plan-tree-viewport'

export interface MinimapHandle {
  showRegion: (region: Region) => void
}

interface Props {
  layout: PlanTreeLayout
  critical: ReadonlySet<number>
  selectedId: number | null
  onMove: (x: number, y: number) => void
  initialRegion: Region | null
}

const longSide = 220
const shortSide = 56

/** The minimap's size: the tree's proportions, squeezed when it is very wide or very tall. */
function boxSize(layout: PlanTreeLayout) {
  const aspect = layout.width / Math.max(1, layout.height)
  return aspect >= 1 ? { width: longSide, height: Math.max(shortSide, longSide / aspect) } : { width: Math.max(shortSide, longSide * aspect), height: longSide * 0.75 }
}

/** Moves the view rectangle over the part of the tree that is on screen. */
function placeView(view: HTMLDivElement | null, layout: PlanTreeLayout, region: Region) {
  if (!view) return
  const size = boxSize(layout)
  const sx = size.width / layout.width
  const sy = size.height / layout.height
  const left = Math.max(0, (region.x0 - layout.minX) * sx)
  const top = Math.max(0, region.y0 * sy)
  const right = Math.min(size.width, (region.x1 - layout.minX) * sx)
  const bottom = Math.min(size.height, region.y1 * sy)
  view.style.transform = `translate(${left}px, ${top}px)`
  view.style.width = `${Math.max(4, right - left)}px`
  view.style.height = `${Math.max(4, bottom - top)}px`
}

export const PlanMinimap = forwardRef<MinimapHandle, Props>(function PlanMinimap({ layout, critical, selectedId, onMove, initialRegion }, ref) {
  const size = boxSize(layout)
  // The view rectangle is its own layer over the drawing: moving it every frame repaints nothing else.
  const viewRef = useRef<HTMLDivElement>(null)
  const place = (region: Region) => placeView(viewRef.current, layout, region)
  useImperativeHandle(ref, () => ({ showRegion: (region: Region) => placeView(viewRef.current, layout, region) }), [layout])

  const shapes = useMemo(() => {
    const box = (x: number, y: number) => `M${x.toFixed(0)},${y.toFixed(0)}h${cardWidth}v${cardHeight}h${-cardWidth}z`
    let all = ''
    let hot = ''
    for (const p of layout.placed) {
      all += box(p.x, p.y)
      if (critical.has(p.data.flat.id)) hot += box(p.x, p.y)
    }
    return { all, hot }
  }, [layout, critical])
  const selected = layout.placed.find((p) => p.data.flat.id === selectedId)

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect()
    onMove(layout.minX + ((event.clientX - bounds.left) / bounds.width) * layout.width, ((event.clientY - bounds.top) / bounds.height) * layout.height)
  }
  return (
    <div
      className="plan-minimap"
      role="img"
      aria-label={`Plan overview: ${layout.placed.length} nodes; click to move the view`}
      style={{ width: size.width, height: size.height }}
      onPointerDown={(event) => (event.currentTarget.setPointerCapture(event.pointerId), moveTo(event))}
      onPointerMove={(event) => event.buttons & 1 && moveTo(event)}
    >
      <svg width={size.width} height={size.height} viewBox={`${layout.minX} 0 ${layout.width} ${layout.height}`} preserveAspectRatio="none">
        <path className="plan-minimap-nodes" d={shapes.all} />
        <path className="plan-minimap-critical" d={shapes.hot} />
        {selected && <rect className="plan-minimap-selected" x={selected.x} y={selected.y} width={cardWidth} height={cardHeight} />}
      </svg>
      <div
        ref={(view) => {
          viewRef.current = view
          if (view && initialRegion && !view.style.width) place(initialRegion)
        }}
        className="plan-minimap-view"
      />
    </div>
  )
})
