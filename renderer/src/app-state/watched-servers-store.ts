/**
 * A watched server as the Activity and Locks views see it: sessions rebuilt
 * from the watcher's diffs, the last minutes of figures for sparklines, and
 * the current lock edges.
 *
 * On the floor because two capabilities read the same watch: Activity its
 * sessions and figures, Locks its edges and the sessions they join.
 */
import { create } from 'zustand'
import type { ActivitySession, ActivityStats, ActivityUpdate } from '@shared/activity/activity-snapshot'
import type { LockEdge } from '@shared/locks/lock-graph'
import type { AppErrorData } from '@shared/base/app-error'
import { api } from '../api/api'

/** Five minutes at the default 1 s interval. */
const historyLength = 300

export interface WatchedServer {
  sessions: Map<number, ActivitySession>
  history: Array<{ at: number; stats: ActivityStats }>
  edges: LockEdge[]
  error: AppErrorData | null
  at: number
}

interface WatchedServersState {
  servers: Record<string, WatchedServer>
  /** Start watching while a view shows it; returns the stop function. */
  follow: (connectionId: string, intervalMs?: number) => () => void
}

export function applyUpdate(previous: WatchedServer | undefined, update: ActivityUpdate): WatchedServer {
  const sessions = update.full || !previous ? new Map<number, ActivitySession>() : new Map(previous.sessions)
  for (const pid of update.removed) sessions.delete(pid)
  for (const session of update.upserts) sessions.set(session.pid, session)
  const history = previous?.history ?? []
  return {
    sessions: update.error ? (previous?.sessions ?? sessions) : sessions,
    history: update.stats ? [...history.slice(-(historyLength - 1)), { at: update.at, stats: update.stats }] : history,
    edges: update.error ? (previous?.edges ?? []) : update.edges,
    error: update.error,
    at: update.at
  }
}

export const useWatchedServers = create<WatchedServersState>()((set) => ({
  servers: {},
  follow: (connectionId, intervalMs = 1000) => {
    const unsubscribe = api.subscribe('activity.update', (update) => {
      if (update.connectionId !== connectionId) return
      set((s) => ({ servers: { ...s.servers, [connectionId]: applyUpdate(s.servers[connectionId], update) } }))
    })
    void api.request('activity.watch', { connectionId, intervalMs }).catch(() => undefined)
    return unsubscribe
  }
}))
