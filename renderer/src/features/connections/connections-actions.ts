/**
 * What the UI can do with connections. Every action asks the main process and
 * lets its answer (and the `connections.changed` that follows) update the list.
 *
 * Failures go to the error surface, except two that have a better home: a
 * missing or wrong password asks for one, and a failed save is shown by the
 * form that sent it (which keeps everything typed).
 */
import type { StateCreator } from 'zustand'
import type { ColorTag, ConnectionProfile } from '@shared/connections/connection-profile'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import type { RequestInput } from '@shared/contract'
import type { TuskApi } from '@shared/rpc/tusk-api'
import { followState } from '../../api/follow-state'
import { errorData, useNotices } from '../../app-state/notice-store'
import { needsPassword, pickSelection, withSummary, type ConnectionsState } from './connections-state'

export interface ConnectionsActions {
  /** Subscribes to the main process through `api`; returns the unsubscribe. */
  start: (api: TuskApi) => () => void
  select: (id: string) => void
  /** Resolves true when the connection is open. */
  open: (id: string, password?: string) => Promise<boolean>
  close: (id: string) => Promise<void>
  toggleReadOnly: (id: string) => Promise<void>
  setColorTag: (id: string, colorTag: ColorTag) => Promise<void>
  remove: (id: string) => Promise<void>
  /** Throws on failure: the form shows the error and keeps its fields. */
  save: (input: RequestInput<'connections.save'>) => Promise<ConnectionProfile>
  dismissPasswordRequest: () => void
}

export type ConnectionsStore = ConnectionsState & ConnectionsActions

const selectionKey = 'tusk.selectedConnection'

function rememberSelection(id: string | null) {
  try {
    if (id === null) localStorage.removeItem(selectionKey)
    else localStorage.setItem(selectionKey, id)
  } catch {
    // Not remembered: the next start selects the first open connection instead.
  }
}

function rememberedSelection(): string | null {
  try {
    return localStorage.getItem(selectionKey)
  } catch {
    return null
  }
}

export const createConnectionsActions: StateCreator<ConnectionsStore, [], [], ConnectionsActions> = (set, get) => {
  let api: TuskApi | null = null
  const linked = (): TuskApi => {
    if (!api) throw new Error('The connections store was not started')
    return api
  }

  const applyList = (connections: ConnectionSummary[]) => {
    const selectedId = pickSelection(connections, get().selectedId)
    set({ connections, loaded: true, selectedId })
  }
  const applySummary = (summary: ConnectionSummary) => set((s) => ({ connections: withSummary(s.connections, summary) }))

  /** Runs a request for one connection, marking it busy meanwhile; failures become notices. */
  const busy = async <T>(id: string, title: string, work: () => Promise<T>): Promise<T | undefined> => {
    set((s) => ({ busyIds: [...s.busyIds, id] }))
    try {
      return await work()
    } catch (error) {
      useNotices.getState().report(title, error)
      return undefined
    } finally {
      set((s) => ({ busyIds: s.busyIds.filter((b) => b !== id) }))
    }
  }

  const nameOf = (id: string) => get().connections.find((c) => c.profile.id === id)?.profile.name ?? 'the connection'

  return {
    start: (given) => {
      api = given
      const remembered = rememberedSelection()
      if (remembered) set({ selectedId: remembered })
      return followState(given, 'connections.changed', applyList, () =>
        given.request('connections.list', {}).then(applyList, (error: unknown) => useNotices.getState().report('Could not list the connections', error))
      )
    },

    select: (id) => {
      rememberSelection(id)
      set({ selectedId: id })
    },

    open: async (id, password) => {
      set((s) => ({ busyIds: [...s.busyIds, id] }))
      try {
        applySummary(await linked().request('connections.open', password === undefined ? { id } : { id, password }))
        set((s) => ({ passwordRequest: s.passwordRequest?.id === id ? null : s.passwordRequest }))
        return true
      } catch (error) {
        const data = errorData(error)
        if (needsPassword(data)) set({ passwordRequest: { id, reason: data } })
        else useNotices.getState().report(`Could not open ${nameOf(id)}`, error)
        return false
      } finally {
        set((s) => ({ busyIds: s.busyIds.filter((b) => b !== id) }))
      }
    },

    close: async (id) => {
      const summary = await busy(id, `Could not close ${nameOf(id)}`, () => linked().request('connections.close', { id }))
      if (summary) applySummary(summary)
    },

    toggleReadOnly: async (id) => {
      const readOnly = !get().connections.find((c) => c.profile.id === id)?.profile.readOnly
      const summary = await busy(id, `Could not change read-only mode of ${nameOf(id)}`, () => linked().request('connections.setReadOnly', { id, readOnly }))
      if (summary) applySummary(summary)
    },

    setColorTag: async (id, colorTag) => {
      const profile = get().connections.find((c) => c.profile.id === id)?.profile
      if (!profile || profile.colorTag === colorTag) return
      const { id: _id, builtIn: _builtIn, hasSavedPassword, ...draft } = profile
      // savePassword follows what is saved now: sending false would forget the password.
      await busy(id, `Could not change the colour of ${profile.name}`, () =>
        linked().request('connections.save', { id, draft: { ...draft, colorTag }, savePassword: hasSavedPassword })
      )
    },

    remove: async (id) => {
      const name = nameOf(id)
      const result = await busy(id, `Could not delete ${name}`, () => linked().request('connections.delete', { id }))
      if (result?.deleted) useNotices.getState().inform(`Deleted ${name}`)
    },

    save: async (input) => {
      const profile = await linked().request('connections.save', input)
      rememberSelection(profile.id)
      set({ selectedId: profile.id })
      return profile
    },

    dismissPasswordRequest: () => set({ passwordRequest: null })
  }
}
