/**
 * Facts about the running app (transport, version, how secrets are kept) and
 * the state of the link to it.
 */
import { create } from 'zustand'
import type { AppInfo } from '@shared/app/app-info'
import { api } from '../api/api'

export type LinkState = 'up' | 'down'

interface AppInfoState {
  info: AppInfo | null
  link: LinkState
  /** Reads the facts now and again whenever the link comes back; returns the stop. */
  follow: () => () => void
}

export const useAppInfo = create<AppInfoState>()((set) => ({
  info: null,
  link: 'up',
  follow: () => {
    const load = () => api.request('app.info', {}).then((info) => set({ info }), () => undefined)
    void load()
    return api.onLinkChange((up) => {
      set({ link: up ? 'up' : 'down' })
      // A web host restarted behind the page may be another version or another data dir.
      if (up) void load()
    })
  }
}))

/** Why saved passwords are not protected here, in a sentence, or null when they are. */
export function secretsWarning(info: AppInfo | null): string | null {
  if (!info || info.secretsProtected) return null
  if (info.secretBackend === 'memory-only') {
    return 'Kept in memory for this run only: the web host has no keychain, so you will type it again next time.'
  }
  return 'Not protected at rest: this system has no keyring (basic_text backend), so the password is only obfuscated on disk.'
}
