import { interpolate, select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3'
import { useLayoutEffect, useRef, type RefObject } from 'react'

/**
 * Pan and zoom for an SVG drawing (d3-zoom).
 *
 * The transform is written straight onto the content group, not through React
 * state: a frame of panning must not re-render every node of a big drawing.
 * `onChange` hears each transform (culling, a minimap); `fit` places the
 * content (offset, then scale); `centreOn` moves a content point to the middle;
 * `zoomBy` zooms around the middle (buttons and keys).
 */
export function usePanZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  contentRef: RefObject<SVGGElement | null>,
  scaleExtent: [number, number],
  onChange?: (transform: ZoomTransform) => void
) {
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null)
  const listener = useRef(onChange)
  listener.current = onChange
  // A layout effect: installed before the drawing's own layout effects place the content.
  useLayoutEffect(() => {
    const svg = select(svgRef.current!)
    const zoomer = zoom<SVGSVGElement, unknown>()
      .scaleExtent(scaleExtent)
      // A straight glide: d3's default zooms out mid-way, and a glide cut short by the next one would keep that zoom.
      .interpolate(interpolate)
      .on('zoom', (event: { transform: ZoomTransform }) => {
        contentRef.current?.setAttribute('transform', event.transform.toString())
        listener.current?.(event.transform)
      })
    behavior.current = zoomer
    svg.call(zoomer)
    return () => void svg.on('.zoom', null)
    // The extent is fixed per drawing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const fit = (x: number, y: number, k: number) => {
    if (svgRef.current && behavior.current) select(svgRef.current).call(behavior.current.transform, zoomIdentity.translate(x, y).scale(k))
  }
  /** `durationMs`: glide there, so a room sees where the view went. */
  const centreOn = (x: number, y: number, durationMs = 0) => {
    if (!svgRef.current || !behavior.current) return
    if (durationMs > 0) select(svgRef.current).transition().duration(durationMs).call(behavior.current.translateTo, x, y)
    else select(svgRef.current).call(behavior.current.translateTo, x, y)
  }
  const zoomBy = (factor: number) => {
    if (svgRef.current && behavior.current) select(svgRef.current).call(behavior.current.scaleBy, factor)
  }
  return { fit, centreOn, zoomBy }
}
