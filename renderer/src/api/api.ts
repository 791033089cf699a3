/**
 * The one way the renderer reaches Tusk's engine: the `api` this module exports.
 *
 * Only actions modules (`features/<capability>/<capability>-actions.ts`) and
 * the app-wide stores of app-state/ import it; components dispatch actions and
 * never hold the API. A module rather than a React context, because the code
 * that talks to the engine lives outside React (actions, stores), and a
 * context would only reach components, which are the ones that must not use
 * it; and rather than a `start(api)` handed to each store, which let every
 * store keep its own copy and fail when used before it was started.
 *
 * The transport (IPC inside Electron, WebSocket in a browser) is made on first
 * use; `setTransport` puts a fake in its place for tests.
 */
import type { TuskApi } from '@shared/api/tusk-api'
import { createApi } from './create-api'

let transport: TuskApi | null = null
const current = (): TuskApi => (transport ??= createApi())

export const api: TuskApi = {
  get transport() {
    return current().transport
  },
  request: (name, input) => current().request(name, input),
  subscribe: (name, listener) => current().subscribe(name, listener),
  onLinkChange: (listener) => current().onLinkChange(listener)
}

/** Talk through `given` from now on (tests); the app never calls it. */
export function setTransport(given: TuskApi): void {
  transport = given
}
