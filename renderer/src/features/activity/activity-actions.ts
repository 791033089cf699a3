/** What the Activity tab does to a server's sessions: cancel a query or terminate a backend, after a confirm. */
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import { backendSignalQuestion } from '@shared/activity/backend-signal-question'
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { useNotices } from '../../app-state/notice-store'

export async function signalSession(connectionId: string, session: ActivitySession, action: 'cancel' | 'terminate'): Promise<void> {
  const yes = await askConfirmation(backendSignalQuestion(session.pid, action, `${session.user ?? '?'}@${session.database ?? '?'}`, session.query))
  if (!yes) return
  try {
    const { signalled } = await api.request('activity.signal', { connectionId, pid: session.pid, action })
    if (!signalled) useNotices.getState().inform(`Backend ${session.pid} was already gone`)
  } catch (error) {
    useNotices.getState().report(`Could not ${action} backend ${session.pid}`, error)
  }
}

