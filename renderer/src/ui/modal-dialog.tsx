/**
 * A modal on the native <dialog>: focus is kept inside, the page behind is
 * inert, and Escape asks `onDismiss` (which may refuse, e.g. to protect a
 * half-filled form) instead of closing behind the component's back.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react'

interface Props {
  title: ReactNode
  onDismiss: () => void
  children: ReactNode
  /** `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog'
  className?: string
  describedBy?: string
  testId?: string
}

export function ModalDialog({ title, onDismiss, children, role = 'dialog', className, describedBy, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const dismiss = useRef(onDismiss)
  dismiss.current = onDismiss

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    // showModal focuses the first focusable element; `data-autofocus` picks a better one.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    // Escape fires `cancel`; the component, not the browser, decides whether to close.
    const onCancel = (event: Event) => {
      event.preventDefault()
      dismiss.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.close()
    }
  }, [])

  return (
    <dialog ref={ref} role={role === 'alertdialog' ? 'alertdialog' : undefined} aria-labelledby={titleId} aria-describedby={describedBy} className={`modal ${className ?? ''}`} data-testid={testId}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  )
}
