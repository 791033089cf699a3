import { useId } from 'react'
import { ModalDialog } from './modal-dialog'

interface Props {
  title: string
  message: string
  confirmLabel: string
  danger?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A question that needs an answer before something irreversible happens; Cancel has the focus. */
export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: Props) {
  const messageId = useId()
  return (
    <ModalDialog title={title} onDismiss={onCancel} role="alertdialog" describedBy={messageId} className="modal-narrow">
      <p id={messageId} className="modal-text">
        {message}
      </p>
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
