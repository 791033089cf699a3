import type { PreloadBridge, TuskApi } from '@shared/api/tusk-api'
import { unwrapEnvelope } from './unwrap-envelope'

/** The Electron transport: the preload's bridge, typed by the contract. */
export function createIpcClient(bridge: PreloadBridge): TuskApi {
  return {
    transport: 'electron',
    request: async (name, input) => unwrapEnvelope(await bridge.request(name, input)) as never,
    subscribe: (name, listener) => bridge.subscribe(name, listener as (payload: unknown) => void),
    // IPC cannot drop while the window lives.
    onLinkChange: () => () => {}
  }
}
