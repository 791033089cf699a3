/** What the Locks tab does: signal a session of the graph, and start or stop the sandbox's blocking scenario. */
import { backendSignalQuestion } from '@shared/activity/backend-signal-question'
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { useNotices } from '../../app-state/notice-store'

export async function signalBackend(connectionId: string, pid: number, action: 'cancel' | 'terminate', session?: { user: string | null; database: string | null; query: string | null }): Promise<void> {
  const who = session ? `${session.user ?? '?'}@${session.database ?? '?'}` : null
  if (!(await askConfirmation(backendSignalQuestion(pid, action, who, session?.query)))) return
  try {
    await api.request('activity.signal', { connectionId, pid, action })
  } catch (error) {
    useNotices.getState().report(`Could not ${action} backend ${pid}`, error)
  }
}

/** Resolves whether the scenario runs afterwards, or null when the request failed (a notice says why). */
export async function blockingScenario(connectionId: string, action: 'start' | 'stop'): Promise<boolean | null> {
  try {
    return (await api.request('locks.scenario', { connectionId, action })).running
  } catch (error) {
    useNotices.getState().report('The blocking scenario could not run', error)
    return null
  }
}

/** A page of the PostgreSQL manual: the desktop app's browser, or a new tab of the web host's. */
export async function openManualPage(url: string): Promise<void> {
  try {
    if ((await api.request('app.openExternal', { url })).opened) return
  } catch {
    // The host cannot open it: the page's own tab below.
  }
  window.open(url, '_blank', 'noopener,noreferrer')
}
