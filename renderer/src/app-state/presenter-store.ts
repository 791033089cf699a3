/**
 * Presenter mode: one switch for a trainer projecting Tusk to a room.
 *
 * On the floor, not in a feature, because every part of the screen reacts to
 * it: the shell hides its chrome, the plan walks node by node, the lock graph
 * animates, the join stepper grows. It lives for the session (a tab switch or
 * a plan view switch keeps it) and is mirrored on the document element
 * (`data-presenting`) so the stylesheet can raise type size and contrast.
 */
import { create } from 'zustand'

interface PresenterState {
  presenting: boolean
  togglePresenting: () => void
  setPresenting: (on: boolean) => void
}

function mirror(on: boolean) {
  if (typeof document === 'undefined') return
  if (on) document.documentElement.dataset.presenting = ''
  else delete document.documentElement.dataset.presenting
}

export const usePresenter = create<PresenterState>()((set, get) => ({
  presenting: false,
  togglePresenting: () => get().setPresenting(!get().presenting),
  setPresenting: (presenting) => {
    mirror(presenting)
    set({ presenting })
  }
}))
