/**
 * The keys a trainer steps with in presenter mode, in one place for the plan,
 * the join stepper and the Shortcuts list.
 *
 * A presentation clicker sends PageDown / PageUp (some send the arrows), so
 * those step too, beside n / p and the arrows.
 */
import { useEffect, useRef } from 'react'

export type PresenterAction = 'next' | 'previous' | 'first' | 'last' | 'reveal'

export interface PresenterKeyEvent {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/** For the Shortcuts list: what each action is bound to. */
export const presenterKeyLabels: ReadonlyArray<{ keys: string[]; description: string }> = [
  { keys: ['n', '→', '↓', 'Page Down'], description: 'Presenter: next node (next step)' },
  { keys: ['p', '←', '↑', 'Page Up'], description: 'Presenter: previous node (step back)' },
  { keys: ['r'], description: 'Presenter, plan: start or stop the step reveal' },
  { keys: ['Home', 'End'], description: 'Presenter, plan: first / last node' },
  { keys: ['Esc'], description: 'Leave presenter mode' }
]

/**
 * What a key does in presenter mode; null when it is not a presenter key.
 * `vertical: false` leaves ↑ / ↓ to the page (the join stepper scrolls).
 */
export function presenterAction(event: PresenterKeyEvent, { vertical = true } = {}): PresenterAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  switch (event.key) {
    case 'n':
    case 'N':
    case 'ArrowRight':
    case 'PageDown':
      return 'next'
    case 'ArrowDown':
      return vertical ? 'next' : null
    case 'p':
    case 'P':
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous'
    case 'ArrowUp':
      return vertical ? 'previous' : null
    case 'Home':
      return 'first'
    case 'End':
      return 'last'
    case 'r':
    case 'R':
      return 'reveal'
    default:
      return null
  }
}

/** Where typing happens: keys there are text, never steps. */
export function isTypingTarget(target: EventTarget | null): boolean {
  return typeof HTMLElement !== 'undefined' && target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/**
 * Presenter keys while `active`, ahead of the focused widget: the plan tree's
 * own arrow keys walk its structure, and in presenter mode the arrows walk the
 * execution order instead. A key `onAction` returns false for is left alone.
 */
export function usePresenterKeys(active: boolean, onAction: (action: PresenterAction) => boolean | void): void {
  const handler = useRef(onAction)
  handler.current = onAction
  useEffect(() => {
    if (!active) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return
      if (document.querySelector('dialog[open]:modal')) return
      const action = presenterAction(event)
      if (!action || handler.current(action) === false) return
      event.preventDefault()
      event.stopPropagation()
    }
    // Capture: seen before the focused element's own handler.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [active])
}
