/**
 * The preload: exposes exactly the contract through contextBridge, nothing else.
 *
 * The renderer gets `window.tusk.request(name, input)` and
 * `window.tusk.subscribe(name, listener)`. Names are checked against the
 * contract's lists here too; raw ipcRenderer and Electron's event objects never
 * reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { isEventName, isRequestName } from '@shared/api/contract'
import { ipcChannels } from '@shared/api/wire'
import type { PreloadBridge } from '@shared/api/tusk-api'

const listeners = new Map<string, Set<(payload: unknown) => void>>()

ipcRenderer.on(ipcChannels.event, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return
  for (const listener of listeners.get(name) ?? []) listener(payload)
})

const bridge: PreloadBridge = {
  request(name, input) {
    if (!isRequestName(name)) return Promise.reject(new Error(`Unknown request: ${String(name)}`))
    return ipcRenderer.invoke(ipcChannels.request, { name, input })
  },
  subscribe(name, listener) {
    if (!isEventName(name) || typeof listener !== 'function') return () => {}
    let set = listeners.get(name)
    if (!set) {
      listeners.set(name, (set = new Set()))
      ipcRenderer.send(ipcChannels.subscribe, name)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) {
        listeners.delete(name)
        ipcRenderer.send(ipcChannels.unsubscribe, name)
      }
    }
  }
}

contextBridge.exposeInMainWorld('tusk', bridge)
