/**
 * The question before Cancel / Terminate of a backend (Activity and Locks
 * tabs): what happens to the session, and the statement it runs, so the user
 * sees what they are about to stop.
 */
export interface BackendSignalQuestion {
  title: string
  message: string
  statement?: string
  confirmLabel: string
  danger: true
}

export function backendSignalQuestion(pid: number, action: 'cancel' | 'terminate', who: string | null, query: string | null | undefined): BackendSignalQuestion {
  const effect = action === 'cancel' ? 'its current statement is cancelled (pg_cancel_backend).' : 'its session ends and an open transaction is rolled back (pg_terminate_backend).'
  const text = query?.trim()
  return {
    title: action === 'cancel' ? `Cancel the query of backend ${pid}?` : `Terminate backend ${pid}?`,
    message: `${who ? `${who}: ` : ''}${effect}${text ? ' It runs:' : ''}`,
    ...(text ? { statement: text } : {}),
    confirmLabel: action === 'cancel' ? 'Cancel query' : 'Terminate',
    danger: true
  }
}
