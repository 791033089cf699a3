/**
 * The presenter mode switch: a button that stays on screen when the chrome is
 * hidden (it is the way back), and Esc to leave.
 */
import { useEffect } from 'react'
import { usePresenter } from '../app-state/presenter-store'
import { withShortcut } from '../ui/keyboard-shortcuts'

export function PresenterToggle({ keys }: { keys: readonly string[] }) {
  const presenting = usePresenter((s) => s.presenting)
  const label = presenting ? 'Leave presenter mode' : 'Presenter mode: hide the chrome, large type and high contrast for a room'
  return (
    <button type="button" className={`presenter-toggle${presenting ? ' primary' : ''}`} aria-pressed={presenting} onClick={() => usePresenter.getState().togglePresenting()} title={withShortcut(label, keys)}>
      <span aria-hidden="true">▣ </span>
      {presenting ? 'Exit presenter' : 'Present'}
    </button>
  )
}

/** Esc leaves presenter mode, unless something else on screen wanted it (a dialog, a menu, full screen). */
export function useLeavePresenterOnEscape(): void {
  const presenting = usePresenter((s) => s.presenting)
  useEffect(() => {
    if (!presenting) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.fullscreenElement || document.querySelector('dialog[open]')) return
      usePresenter.getState().setPresenting(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [presenting])
}
