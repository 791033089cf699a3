import { create } from 'zustand'
import type { SandboxStatus } from '../../../../shared/sandbox/sandbox-status'
import { api } from '../../api/api'

interface SandboxState {
  status: SandboxStatus | null
  start: () => () => void
}

/** The sandbox server's lifecycle, for the first-start progress bar. */
export const useSandbox = create<SandboxState>()((set) => ({
  status: null,
  start: () => {
    const unsubscribe = api.subscribe('sandbox.status', (status) => set({ status }))
    api.request('sandbox.status', {}).then((status) => set({ status }), () => undefined)
    return unsubscribe
  }
}))
