/**
 * What each editor tab's workspace shows below the editor: its latest run,
 * the error of the last thing that failed to start, the lock probe's answer,
 * the table page that is open. query-actions.ts writes it; the view reads it.
 */
import { create } from 'zustand'
import type { StatementLocks } from '@shared/locks/statement-locks'
import type { AppErrorData } from '@shared/base/app-error'

export interface WorkspaceRun {
  runId: string
  /** Where the run's SQL starts in the editor (a selection), to place error markers. */
  baseOffset: number
  sql: string
}

export interface Workspace {
  current: WorkspaceRun | null
  error: AppErrorData | null
  lockProbe: StatementLocks | null
  openTable: { schema: string; name: string } | null
}

const empty: Workspace = { current: null, error: null, lockProbe: null, openTable: null }

interface WorkspacesState {
  byTab: Record<string, Workspace>
}

export const useWorkspaces = create<WorkspacesState>()(() => ({ byTab: {} }))

/** One field of a tab's workspace, for components. */
export function useWorkspace<K extends keyof Workspace>(tabId: string, key: K): Workspace[K] {
  return useWorkspaces((s) => (s.byTab[tabId] ?? empty)[key])
}

export function workspaceOf(tabId: string): Workspace {
  return useWorkspaces.getState().byTab[tabId] ?? empty
}

export function patchWorkspace(tabId: string, patch: Partial<Workspace>): void {
  useWorkspaces.setState((s) => ({ byTab: { ...s.byTab, [tabId]: { ...(s.byTab[tabId] ?? empty), ...patch } } }))
}

export function dropWorkspace(tabId: string): void {
  useWorkspaces.setState((s) => {
    const { [tabId]: _gone, ...rest } = s.byTab
    return { byTab: rest }
  })
}
