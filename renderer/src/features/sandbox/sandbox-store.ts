/**
 * The sandbox server's lifecycle, mirrored from `sandbox.status`, for the
 * first-start progress bar and the "could not start" message.
 */
import { create } from 'zustand'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'
import type { TuskApi } from '@shared/rpc/tusk-api'
import { followState } from '../../api/follow-state'
import { useNotices } from '../../app-state/notice-store'

interface SandboxState {
  status: SandboxStatus | null
  /** Whether this run watched it get ready (then a short "ready" message is worth showing). */
  sawPreparing: boolean
  start: (api: TuskApi) => () => void
  retry: () => Promise<void>
}

export function isPreparing(status: SandboxStatus | null): boolean {
  return status !== null && (status.phase === 'initialising' || status.phase === 'starting' || status.phase === 'seeding')
}

export const useSandbox = create<SandboxState>()((set, get) => {
  let api: TuskApi | null = null
  const apply = (status: SandboxStatus) => set((s) => ({ status, sawPreparing: s.sawPreparing || isPreparing(status) }))
  return {
    status: null,
    sawPreparing: false,
    start: (given) => {
      api = given
      return followState(given, 'sandbox.status', apply, () => given.request('sandbox.status', {}).then(apply, () => undefined))
    },
    retry: async () => {
      if (!api || isPreparing(get().status)) return
      try {
        apply(await api.request('sandbox.start', {}))
      } catch (error) {
        useNotices.getState().report('The sandbox could not start', error)
      }
    }
  }
})
