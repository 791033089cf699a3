/**
 * A toolbar's "More ▾": the actions used less often, in a menu that opens
 * below the button, so the toolbar stays one row at 1400 px even with a
 * transaction's buttons shown. Clicking an action or outside closes it;
 * Escape closes it and gives the focus back to its button.
 */
import { useRef, useState, type ReactNode } from 'react'
import { useDismiss } from './use-dismiss'

export function ToolbarMenu({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLSpanElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  useDismiss(open, root, () => setOpen(false), () => button.current?.focus())
  return (
    <span className="toolbar-menu" ref={root}>
      <button ref={button} aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        // A click on an action runs it, then the menu closes (toggles such as Schema stay pressed-state buttons).
        <div className="toolbar-menu-items" role="group" aria-label={label} onClick={(event) => (event.target as HTMLElement).closest('button') && setOpen(false)}>
          {children}
        </div>
      )}
    </span>
  )
}
