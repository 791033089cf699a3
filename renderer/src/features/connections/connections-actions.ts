/**
 * What the user can do with connections. Every action asks the main process
 * and lets its answer (and the `connections.changed` that follows) update the
 * list in app-state's connections store.
 *
 * Failures go to the error surface, except two that have a better home: a
 * missing or wrong password asks for one, and a failed save or form test is
 * shown by the form that sent it (which keeps everything typed).
 */
import type { ColorTag, ConnectionProfile } from '@shared/connections/connection-profile'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import type { RequestInput, RequestOutput } from '@shared/api/contract'
import { api } from '../../api/api'
import { needsPassword, withSummary } from '../../app-state/connections-state'
import { useConnections } from '../../app-state/connections-store'
import { errorData, useNotices } from '../../app-state/notice-store'

const store = useConnections

const applySummary = (summary: ConnectionSummary) => store.setState((s) => ({ connections: withSummary(s.connections, summary) }))
const markBusy = (id: string) => store.setState((s) => ({ busyIds: [...s.busyIds, id] }))
const unmarkBusy = (id: string) => store.setState((s) => ({ busyIds: s.busyIds.filter((b) => b !== id) }))
const nameOf = (id: string) => store.getState().connections.find((c) => c.profile.id === id)?.profile.name ?? 'the connection'
const profileOf = (id: string) => store.getState().connections.find((c) => c.profile.id === id)?.profile

/** Runs a request for one connection, marking it busy meanwhile; failures become notices. */
async function whileBusy<T>(id: string, title: string, work: () => Promise<T>): Promise<T | undefined> {
  markBusy(id)
  try {
    return await work()
  } catch (error) {
    useNotices.getState().report(title, error)
    return undefined
  } finally {
    unmarkBusy(id)
  }
}

/** Resolves true when the connection is open; a password it lacks is asked for. */
export async function openConnection(id: string, password?: string): Promise<boolean> {
  markBusy(id)
  try {
    applySummary(await api.request('connections.open', password === undefined ? { id } : { id, password }))
    store.setState((s) => ({ passwordRequest: s.passwordRequest?.id === id ? null : s.passwordRequest }))
    return true
  } catch (error) {
    const data = errorData(error)
    if (needsPassword(data)) store.setState({ passwordRequest: { id, reason: data } })
    else useNotices.getState().report(`Could not open ${nameOf(id)}`, error)
    return false
  } finally {
    unmarkBusy(id)
  }
}

export async function closeConnection(id: string): Promise<void> {
  const summary = await whileBusy(id, `Could not close ${nameOf(id)}`, () => api.request('connections.close', { id }))
  if (summary) applySummary(summary)
}

export async function toggleReadOnly(id: string): Promise<void> {
  const readOnly = !profileOf(id)?.readOnly
  const summary = await whileBusy(id, `Could not change read-only mode of ${nameOf(id)}`, () => api.request('connections.setReadOnly', { id, readOnly }))
  if (summary) applySummary(summary)
}

export async function setColorTag(id: string, colorTag: ColorTag): Promise<void> {
  const profile = profileOf(id)
  if (!profile || profile.colorTag === colorTag) return
  const { id: _id, builtIn: _builtIn, hasSavedPassword, ...draft } = profile
  // savePassword follows what is saved now: sending false would forget the password.
  await whileBusy(id, `Could not change the colour of ${profile.name}`, () =>
    api.request('connections.save', { id, draft: { ...draft, colorTag }, savePassword: hasSavedPassword })
  )
}

export async function removeConnection(id: string): Promise<void> {
  const name = nameOf(id)
  const result = await whileBusy(id, `Could not delete ${name}`, () => api.request('connections.delete', { id }))
  if (result?.deleted) useNotices.getState().inform(`Deleted ${name}`)
}

/** Saves and selects the connection. Throws on failure: the form shows the error and keeps its fields. */
export async function saveConnection(input: RequestInput<'connections.save'>): Promise<ConnectionProfile> {
  const profile = await api.request('connections.save', input)
  store.getState().select(profile.id)
  return profile
}

/** Opens a connection unless it is open or on its way (after a save). */
export function openUnlessOpen(id: string): void {
  const current = store.getState().connections.find((c) => c.profile.id === id)
  if (!current || current.state === 'closed' || current.state === 'failed') void openConnection(id)
}

/** The form's Test button: throws on failure, so the form shows why. */
export function testConnection(input: RequestInput<'connections.test'>): Promise<RequestOutput<'connections.test'>> {
  return api.request('connections.test', input)
}

/** Tests a saved connection; the answer, good or bad, becomes a notice. */
export async function testSavedConnection(id: string): Promise<void> {
  const name = nameOf(id)
  try {
    const result = await api.request('connections.test', { id })
    if (result.ok) useNotices.getState().inform(`${name}: PostgreSQL ${result.server.version} answered in ${Math.round(result.latencyMs)} ms`)
    else useNotices.getState().report(`${name}: the test failed`, result.error)
  } catch (error) {
    useNotices.getState().report(`${name}: the test failed`, error)
  }
}

export function dismissPasswordRequest(): void {
  store.setState({ passwordRequest: null })
}
