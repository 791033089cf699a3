import { create } from 'zustand'
import type { AppInfo } from '../../../shared/app/app-info'
import { api } from '../api/api'

interface AppInfoState {
  info: AppInfo | null
  link: 'up' | 'down'
  start: () => () => void
}

/** Facts about the running app (transport, how secrets are kept) and the link to it. */
export const useAppInfo = create<AppInfoState>()((set) => ({
  info: null,
  link: 'up',
  start: () => {
    api.request('app.info', {}).then((info) => set({ info }), () => undefined)
    return api.onLinkChange((up) => set({ link: up ? 'up' : 'down' }))
  }
}))
