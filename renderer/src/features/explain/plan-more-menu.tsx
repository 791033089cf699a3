/**
 * The plan toolbar's "⋯" menu: what brings or keeps a plan (save, open a
 * file, compare with another) without widening the toolbar past one line.
 */
import { useRef, useState, type ReactNode } from 'react'
import { useDismiss } from '../../ui/use-dismiss'

export function PlanMoreMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const box = useRef<HTMLSpanElement>(null)
  // A press elsewhere or Escape closes it, as any menu.
  useDismiss(open, box, () => setOpen(false))
  return (
    <span className="plan-more" ref={box}>
      <button className="small-button" aria-expanded={open} aria-haspopup="true" aria-label="More plan actions" title="Save, open a file, compare" onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {/* Closed by any click inside, once the item has done its work; kept in the DOM so a file input stays reachable. */}
      <span className="plan-more-items" hidden={!open} role="group" aria-label="Plan actions" onClick={() => setTimeout(() => setOpen(false))}>
        {children}
      </span>
    </span>
  )
}
