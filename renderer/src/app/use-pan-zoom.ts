import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3'
import { useEffect, useRef, useState, type RefObject } from 'react'

/**
 * Pan and zoom for an SVG drawing (d3-zoom): returns the transform to put on
 * its content group, and `fit` to place the content (scale, then offset).
 */
export function usePanZoom(svgRef: RefObject<SVGSVGElement | null>, scaleExtent: [number, number]) {
  const [transform, setTransform] = useState('')
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null)
  useEffect(() => {
    const svg = select(svgRef.current!)
    const zoomer = zoom<SVGSVGElement, unknown>()
      .scaleExtent(scaleExtent)
      .on('zoom', (event: { transform: { toString(): string } }) => setTransform(event.transform.toString()))
    behavior.current = zoomer
    svg.call(zoomer)
    return () => void svg.on('.zoom', null)
    // The extent is fixed per drawing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const fit = (x: number, y: number, k: number) => {
    if (svgRef.current && behavior.current) select(svgRef.current).call(behavior.current.transform, zoomIdentity.translate(x, y).scale(k))
  }
  return { transform, fit }
}
