/**
 * The whole tree's shape in a corner, with the view as a rectangle: a click
 * or a drag on it moves the view there. The cards are one canvas picture
 * (plan-minimap-picture.ts: 100,000 cards binned into its pixels), the
 * critical path on top; the selected card and the view are little boxes
 * over it, so moving them repaints nothing else.
 */
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, type PointerEvent } from 'react'
import { placedCard } from './plan-tree-culling'
import type { PlanTreeLayout } from './plan-tree-layout'
import { cardBox, minimapPixels, type MinimapColours } from './plan-minimap-picture'
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

/** A CSS colour (a custom property of the theme) as RGBA bytes, as the canvas resolves it. */
function rgba(colour: string, alpha: number): [number, number, number, number] {
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })
  if (!probe) return [128, 128, 128, alpha]
  probe.fillStyle = colour
  probe.fillRect(0, 0, 1, 1)
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data
  return [r!, g!, b!, alpha]
}

function themeColours(element: Element): MinimapColours {
  const style = getComputedStyle(element)
  return { card: rgba(style.getPropertyValue('--muted').trim() || 'grey', 140), critical: rgba(style.getPropertyValue('--plan-hot').trim() || 'red', 255) }
}

/** Paints the tree into `canvas` at the screen's pixel density, in the theme's colours. */
function paint(canvas: HTMLCanvasElement, layout: PlanTreeLayout, critical: ReadonlySet<number>, size: { width: number; height: number }) {
  // The size it is given, not the one laid out: asking the page would lay it out before the tree's first frame.
  const width = Math.max(1, Math.round(size.width * devicePixelRatio))
  const height = Math.max(1, Math.round(size.height * devicePixelRatio))
  canvas.width = width
  canvas.height = height
  const hot = [...critical].flatMap((id) => placedCard(layout, id) ?? [])
  const pixels = minimapPixels(layout, hot, width, height, themeColours(canvas))
  canvas.getContext('2d')?.putImageData(new ImageData(pixels, width, height), 0, 0)
}

export const PlanMinimap = forwardRef<MinimapHandle, Props>(function PlanMinimap({ layout, critical, selectedId, onMove, initialRegion }, ref) {
  const size = boxSize(layout)
  // The view rectangle is its own layer over the drawing: moving it every frame repaints nothing else.
  const viewRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const place = (region: Region) => placeView(viewRef.current, layout, region)
  useImperativeHandle(ref, () => ({ showRegion: (region: Region) => placeView(viewRef.current, layout, region) }), [layout])

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const box = { width: size.width, height: size.height }
    // After the tree's first frame (the timer set in the next frame runs after its paint): the overview can come
    // a frame later, the tree cannot.
    let soon: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => (soon = setTimeout(() => paint(canvas, layout, critical, box), 0)))
    // The theme switched: the same picture in its colours.
    const observer = new MutationObserver(() => paint(canvas, layout, critical, box))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => (cancelAnimationFrame(frame), clearTimeout(soon), observer.disconnect())
  }, [layout, critical, size.width, size.height])

  const selected = useMemo(() => {
    const card = placedCard(layout, selectedId)
    return card ? cardBox(layout, card, size.width, size.height) : null
  }, [layout, selectedId, size.width, size.height])

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
      <canvas ref={canvasRef} style={{ width: size.width, height: size.height }} />
      {selected && (
        <div
          className="plan-minimap-selected"
          style={{ transform: `translate(${selected.x0}px, ${selected.y0}px)`, width: Math.max(4, selected.x1 - selected.x0), height: Math.max(4, selected.y1 - selected.y0) }}
        />
      )}
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
