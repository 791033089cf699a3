/**
 * Picks the transport the app talks through.
 *
 * Inside Electron the preload exposes `window.tusk`; in a browser (the web host)
 * there is no bridge and the same contract travels over a WebSocket.
 */
import type { PreloadBridge, TuskApi } from '@shared/api/tusk-api'
import { createIpcClient } from './ipc-client'
import { createWebSocketClient } from './web-socket-client'

export function createApi(scope: { tusk?: PreloadBridge } = globalThis as { tusk?: PreloadBridge }): TuskApi {
  return scope.tusk ? createIpcClient(scope.tusk) : createWebSocketClient()
}
