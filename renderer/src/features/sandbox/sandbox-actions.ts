/** What the UI does with the sandbox server: follow its status, start it again after a failure, show its details, reset it. */
import type { SandboxDetails } from '@shared/sandbox/sandbox-details'
import { api } from '../../api/api'
import { followState } from '../../api/follow-state'
import { useNotices } from '../../app-state/notice-store'
import { applySandboxStatus, isPreparing, useSandbox } from './sandbox-store'

/** Mirrors `sandbox.status` into the store from now on; returns the stop. */
export function followSandbox(): () => void {
  return followState(api, 'sandbox.status', applySandboxStatus, () => api.request('sandbox.status', {}).then(applySandboxStatus, () => undefined))
}

export async function retrySandbox(): Promise<void> {
  if (isPreparing(useSandbox.getState().status)) return
  try {
    applySandboxStatus(await api.request('sandbox.start', {}))
  } catch (error) {
    useNotices.getState().report('The sandbox could not start', error)
  }
}

/** The data dir and psql line for the sandbox menu; the password only when asked for. */
export async function loadSandboxDetails(revealPassword: boolean): Promise<SandboxDetails | null> {
  try {
    return await api.request('sandbox.details', { revealPassword })
  } catch (error) {
    useNotices.getState().report('The sandbox details could not be read', error)
    return null
  }
}

/** Drop and seed the sandbox again (the menu has asked); progress shows in the banner. */
export async function resetSandbox(): Promise<void> {
  try {
    applySandboxStatus(await api.request('sandbox.reset', {}))
  } catch (error) {
    useNotices.getState().report('The sandbox could not be reset', error)
  }
}

export function dismissSandboxNotice(): void {
  useSandbox.setState((s) => ({ dismissedNotice: s.status?.notice ?? null }))
}
