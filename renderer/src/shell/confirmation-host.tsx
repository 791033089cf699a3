import { useConfirmations } from '../app-state/confirmation-store'
import { ConfirmDialog } from '../ui/confirm-dialog'

/** The question an action is waiting on (askConfirmation), one at a time. */
export function ConfirmationHost() {
  const pending = useConfirmations((s) => s.queue[0])
  if (!pending) return null
  return (
    <ConfirmDialog
      key={pending.id}
      title={pending.title}
      message={pending.message}
      statement={pending.statement}
      confirmLabel={pending.confirmLabel}
      danger={pending.danger}
      onConfirm={() => pending.answer(true)}
      onCancel={() => pending.answer(false)}
    />
  )
}
