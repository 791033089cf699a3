/**
 * Which rows of a long list of equal-height rows are in view: O(1) per render.
 *
 * A streaming result's row count grows ten times a second; a general
 * virtualizer (@tanstack/react-virtual) rebuilds a measurement object per row
 * whenever the count changes, 300,000 objects per progress event on a big
 * result. Rows of one height need none of that: the window is the scroll
 * position divided by the row height.
 */
import { useEffect, useState, type RefObject } from 'react'

export interface RowWindow {
  /** First row drawn (overscan included). */
  first: number
  /** One past the last row drawn. */
  end: number
  totalHeight: number
}

export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewHeight: number, overscan: number): RowWindow {
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / rowHeight) - overscan))
  const end = Math.max(first, Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan))
  return { first, end, totalHeight: count * rowHeight }
}

/** The rows of `scroller` in view, following its scrolling and resizing. */
export function useFixedRowWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 20): RowWindow {
  // Until the first resize report, the window's height is a guess (a new grid is scrolled to the top): reading
  // the element's size while mounting would force a layout of the whole page in the middle of a render.
  const [view, setView] = useState(() => ({ top: 0, height: typeof window === 'undefined' ? 900 : window.innerHeight }))
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const update = (top: number, height: number) => setView((v) => (v.top === top && v.height === height ? v : { top, height }))
    // Scroll events and resize reports come after layout: reading the position there forces none.
    const onScroll = () => update(element.scrollTop, element.clientHeight)
    element.addEventListener('scroll', onScroll, { passive: true })
    const resizes = new ResizeObserver(([entry]) => update(element.scrollTop, entry?.contentRect.height ?? element.clientHeight))
    resizes.observe(element)
    return () => {
      element.removeEventListener('scroll', onScroll)
      resizes.disconnect()
    }
  }, [scroller])
  return rowWindow(count, rowHeight, view.top, view.height, overscan)
}
