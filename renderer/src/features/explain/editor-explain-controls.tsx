/**
 * The Explain and Explain Analyze buttons of an editor's toolbar, or, while
 * one runs, its timer, what it does to the database, and Cancel explain.
 *
 * The shell hands this component to the SQL workspace (features never import
 * each other); unmounting it with its editor tab cancels its explain.
 */
import { useEffect } from 'react'
import type { AppErrorData } from '@shared/base/app-error'
import { errorData } from '../../app-state/notice-store'
import { formatMs, useElapsed } from '../../ui/elapsed-time'
import { abandonExplain, cancelExplain, runExplain, type ExplainRequest } from './explain-actions'
import { useExplainRuns } from './explain-run-store'

export interface EditorExplainControlsProps {
  /** The editor tab the explain belongs to. */
  ownerId: string
  connectionId: string | null
  disabled: boolean
  /** The statement under the editor's cursor (or its selection), read when a button is pressed. */
  statement: () => ExplainRequest | undefined
  /** Where the editor shows an error; null clears it. */
  onError: (error: AppErrorData | null) => void
}

export function EditorExplainControls({ ownerId, connectionId, disabled, statement, onError }: EditorExplainControlsProps) {
  const explaining = useExplainRuns((s) => s.byOwner[ownerId])
  const elapsed = useElapsed(explaining?.startedAt ?? null)
  useEffect(() => () => abandonExplain(ownerId), [ownerId])

  const explain = (analyze: boolean) => {
    const request = statement()
    if (!request || !connectionId) return
    onError(null)
    runExplain(ownerId, connectionId, request, analyze).catch((error: unknown) => onError(errorData(error)))
  }

  if (explaining) {
    return (
      <>
        <span className="run-timer" role="timer" aria-label="Explaining">
          {formatMs(elapsed)}
        </span>
        <span className="muted" role="status">
          {explaining.analyze ? 'Explain Analyze runs the statement inside BEGIN … ROLLBACK: nothing it changes is kept' : 'Explaining (not executed)…'}
        </span>
        <button className="danger" onClick={() => void cancelExplain(ownerId).catch((error: unknown) => onError(errorData(error)))}>
          Cancel explain
        </button>
      </>
    )
  }
  return (
    <>
      <button disabled={disabled} onClick={() => explain(false)} title="EXPLAIN the statement under the cursor (not executed)">
        Explain
      </button>
      <button disabled={disabled} onClick={() => explain(true)} title="Runs the statement inside BEGIN … ROLLBACK: nothing is kept">
        Explain Analyze
      </button>
    </>
  )
}
