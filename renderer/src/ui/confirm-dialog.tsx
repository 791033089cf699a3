import { useId } from 'react'
import { ModalDialog } from './modal-dialog'

interface Props {
  title: string
  message: string
  /** The SQL the answer is about, shown as code. */
  statement?: string
  confirmLabel: string
  danger?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A question that needs an answer before something irreversible happens; Cancel has the focus. */
export function ConfirmDialog({ title, message, statement, confirmLabel, danger, onConfirm, onCancel }: Props) {
  const messageId = useId()
  return (
    <ModalDialog title={title} onDismiss={onCancel} role="alertdialog" describedBy={messageId} className={statement ? 'modal-wide' : 'modal-narrow'}>
      <p id={messageId} className="modal-text">
        {message}
      </p>
      {statement && (
        <pre className="modal-statement" aria-label="Statement">
          {statement}
        </pre>
      )}
      <div className="modal-buttons">
        <span className="spacer" />
        <button type="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger-solid' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  )
}
