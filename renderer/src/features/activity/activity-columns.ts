/**
 * What each column of the sessions table shows, and how it sorts.
 *
 * Fitted to 1400 px with the query readable: who is one column
 * (user@database), where from is one (application · client), and State says
 * a client's state or, for a background process (which has none), its type —
 * once, never twice. The query gets a line of its own under its session.
 */
import type { ActivitySession } from '@shared/activity/activity-snapshot'

export type SortKey = 'pid' | 'who' | 'application' | 'state' | 'wait' | 'xactAge' | 'queryAge'

export const sessionColumns: ReadonlyArray<{ key: SortKey; label: string; title: string }> = [
  { key: 'pid', label: 'PID', title: 'Backend process id' },
  { key: 'who', label: 'User@db', title: 'User @ database' },
  { key: 'application', label: 'Application', title: 'Application name · client address' },
  { key: 'state', label: 'State', title: "A client's state; a background process's type" },
  { key: 'wait', label: 'Waiting on', title: 'Wait event type: wait event' },
  { key: 'xactAge', label: 'Xact age', title: 'Time since the transaction began' },
  { key: 'queryAge', label: 'Query age', title: 'Time the running query has taken so far' }
]

const clientBackend = 'client backend'

export function isClientBackend(session: ActivitySession): boolean {
  return session.backendType === null || session.backendType === clientBackend
}

/**
 * The State column: a client's state; a background process's type, since it
 * has no state of its own; both for a background process that has one
 * ("parallel worker: active", "autovacuum worker: active").
 */
export function sessionStateText(session: ActivitySession): { text: string; background: boolean } {
  if (isClientBackend(session)) return { text: session.state ?? '', background: false }
  if (!session.state) return { text: session.backendType ?? '', background: true }
  return { text: `${session.backendType}: ${session.state}`, background: true }
}

export function whoText(session: ActivitySession): string {
  if (!session.user && !session.database) return ''
  return `${session.user ?? '?'}@${session.database ?? '?'}`
}

export function applicationText(session: ActivitySession): string {
  return [session.application, session.client].filter((part) => part).join(' · ')
}

/** The value a column sorts by; ages of what is not running sort last. */
export function sortValue(session: ActivitySession, key: SortKey, now: number): string | number {
  switch (key) {
    case 'xactAge':
      return session.transactionStart ? now - session.transactionStart : -1
    case 'queryAge':
      return session.queryStart && session.state === 'active' ? now - session.queryStart : -1
    case 'wait':
      return `${session.waitEventType ?? ''}${session.waitEvent ?? ''}`
    case 'pid':
      return session.pid
    case 'who':
      return whoText(session)
    case 'application':
      return applicationText(session)
    case 'state':
      return sessionStateText(session).text
  }
}
