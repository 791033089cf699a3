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
  const [view, setView] = useState({ top: 0, height: 900 })
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const read = () => setView((v) => (v.top === element.scrollTop && v.height === element.clientHeight ? v : { top: element.scrollTop, height: element.clientHeight }))
    read()
    element.addEventListener('scroll', read, { passive: true })
    const resizes = new ResizeObserver(read)
    resizes.observe(element)
    return () => {
      element.removeEventListener('scroll', read)
      resizes.disconnect()
    }
  }, [scroller])
  return rowWindow(count, rowHeight, view.top, view.height, overscan)
}
