import type { TuskApi } from '@shared/api/tusk-api'
import { createApi } from './create-api'

/**
 * The one API object of the app: IPC inside Electron, WebSocket in a browser.
 *
 * Components should reach it through `useApi()` (api-context.tsx), and stores
 * through the api their `start(api)` was given, so tests can hand in a fake.
 */
export const api: TuskApi = createApi()
