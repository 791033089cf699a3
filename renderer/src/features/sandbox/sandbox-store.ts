/**
 * The sandbox server's lifecycle, mirrored from `sandbox.status`, for the
 * first-start progress bar and the "could not start" message.
 */
import { create } from 'zustand'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'

interface SandboxState {
  status: SandboxStatus | null
  /** Whether this run watched it get ready (then a short "ready" message is worth showing). */
  sawPreparing: boolean
  /** The notice the user closed (a later, different notice shows again). */
  dismissedNotice: string | null
}

export function isPreparing(status: SandboxStatus | null): boolean {
  return status !== null && (status.phase === 'initialising' || status.phase === 'starting' || status.phase === 'seeding')
}

export const useSandbox = create<SandboxState>()(() => ({ status: null, sawPreparing: false, dismissedNotice: null }))

export function applySandboxStatus(status: SandboxStatus): void {
  useSandbox.setState((s) => ({ status, sawPreparing: s.sawPreparing || isPreparing(status) }))
}
