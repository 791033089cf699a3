/** What the UI does with the sandbox server: follow its status, and start it again after a failure. */
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
