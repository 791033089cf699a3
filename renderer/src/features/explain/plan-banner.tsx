/**
 * Everything said above the plan, on one line: the run's figures, that
 * ANALYZE ran inside BEGIN … ROLLBACK, the pasted statement, the parser's
 * notes, the whole-plan facts (triggers, JIT, settings) and the offer to
 * compare. On one line the tree keeps the height; the line opens in full on
 * demand (or when one of its facts is opened).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react'

export interface BannerItem {
  key: string
  content: ReactNode
  /** The item's text, as its tooltip when the line cuts it. */
  title?: string
  /** A landmark role for a note a reader must not miss. */
  role?: 'note'
  /** Never shrunk: the plan's figures, the compare offer. */
  whole?: boolean
  /** Shrunk first: the whole-plan facts (triggers, JIT, settings), one click away under "More". */
  facts?: boolean
  /** Must be read whole (what a rollback could not undo): the banner opens with it. */
  urgent?: boolean
}

/** Key it by the plan: each plan opens folded, unless it has something urgent to say. */
export function PlanBanner({ items }: { items: BannerItem[] }) {
  const [open, setOpen] = useState(() => items.some((item) => item.urgent))
  const [cut, setCut] = useState(false)
  const row = useRef<HTMLDivElement>(null)

  // Whether the one line hides something: the toggle is only offered then. Read when the observer reports
  // (after the browser's own layout), not in a layout effect: that would lay out the page once more before a
  // new plan's first frame (about half the first render of a 1,000-node plan).
  useEffect(() => {
    const element = row.current
    if (!element) return
    const observer = new ResizeObserver(() => {
      const children = [...element.querySelectorAll<HTMLElement>('.plan-banner-item')]
      setCut(element.scrollWidth > element.clientWidth + 1 || children.some((c) => c.scrollWidth > c.clientWidth + 1))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [items])

  if (items.length === 0) return null
  return (
    <div className={`plan-banner${open ? ' open' : ''}`}>
      <div ref={row} className="plan-banner-items">
        {items.map((item) => (
          <div key={item.key} className={`plan-banner-item${item.whole ? ' whole' : ''}${item.facts ? ' facts' : ''}`} role={item.role} title={open ? undefined : item.title}>
            {item.content}
          </div>
        ))}
      </div>
      {(cut || open) && (
        <button className="small-button plan-banner-toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? 'Fold the notes into one line' : 'Show every note in full'}>
          {open ? 'Less ▴' : 'More ▾'}
        </button>
      )}
    </div>
  )
}
