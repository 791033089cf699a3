/**
 * Questions an action must have answered before it goes on, in the app's own
 * dialog (the shell draws it), never the browser's `confirm()`.
 *
 * Actions live outside components, so they ask through this store and await
 * the answer; the native dialog could not show the statement that will run,
 * looks foreign, and blocks the whole page (timers, progress events) while open.
 */
import { create } from 'zustand'

export interface ConfirmationRequest {
  title: string
  message: string
  /** The SQL that will run, shown as code so the user reads what they agree to. */
  statement?: string
  confirmLabel: string
  danger?: boolean
}

interface PendingConfirmation extends ConfirmationRequest {
  id: number
  answer: (yes: boolean) => void
}

interface ConfirmationState {
  /** First in line is shown; the others wait their turn. */
  queue: PendingConfirmation[]
}

export const useConfirmations = create<ConfirmationState>()(() => ({ queue: [] }))

let nextId = 1

/** Shows the question and resolves true on the confirm button, false on Cancel or Escape. */
export function askConfirmation(request: ConfirmationRequest): Promise<boolean> {
  return new Promise((resolve) => {
    const id = nextId++
    const answer = (yes: boolean) => {
      useConfirmations.setState((s) => ({ queue: s.queue.filter((q) => q.id !== id) }))
      resolve(yes)
    }
    useConfirmations.setState((s) => ({ queue: [...s.queue, { ...request, id, answer }] }))
  })
}
