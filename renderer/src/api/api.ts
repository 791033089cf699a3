import type { PreloadBridge, TuskApi } from '../../../shared/rpc/tusk-api'
import { createIpcClient } from './ipc-client'
import { createWebSocketClient } from './web-socket-client'

/** The one API object of the app: IPC inside Electron, WebSocket in a browser. */
function createApi(): TuskApi {
  const bridge = (globalThis as { tusk?: PreloadBridge }).tusk
  return bridge ? createIpcClient(bridge) : createWebSocketClient()
}

export const api: TuskApi = createApi()
