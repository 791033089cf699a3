/**
 * "Step through joins" in the SQL editor's toolbar: opens the join stepper on
 * the statement under the cursor. The shell places it beside the Explain buttons.
 */
import { openJoinStepper } from './joins-actions'

export interface JoinStepButtonProps {
  connectionId: string | null
  disabled: boolean
  statement: () => { sql: string; cursorOffset?: number } | undefined
}

export function JoinStepButton({ connectionId, disabled, statement }: JoinStepButtonProps) {
  const open = () => {
    const request = statement()
    if (!request || !connectionId) return
    void openJoinStepper({ connectionId, ...request })
  }
  return (
    <button disabled={disabled || !connectionId} onClick={open} title="Step through the joins of the statement under the cursor, on a sample of its rows">
      Step through joins
    </button>
  )
}
