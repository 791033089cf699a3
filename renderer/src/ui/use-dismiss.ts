/**
 * What every popup menu does while open: a press outside it or Escape closes
 * it. `onEscape` runs after an Escape (a toolbar menu gives the focus back to
 * its button).
 */
import { useEffect, type RefObject } from 'react'

export function useDismiss(open: boolean, root: RefObject<HTMLElement | null>, close: () => void, onEscape?: () => void): void {
  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close()
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      close()
      onEscape?.()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
    // The callbacks are fresh each render; what matters is whether the menu is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
}
