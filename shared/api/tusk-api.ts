import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput } from './contract'

/**
 * What the renderer sees of the main process, whichever transport carries it.
 *
 * `request` rejects with an `AppError` (never a bare string) when the service fails.
 */
export interface TuskApi {
  readonly transport: 'electron' | 'web'
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Fires when the link to the main process drops or comes back (web host only). */
  onLinkChange(listener: (up: boolean) => void): () => void
}

/**
 * What the preload exposes on `window.tusk`: raw, untyped by nature of the bridge.
 *
 * `request` resolves to a `ResponseEnvelope` (shared/api/wire.ts), which the
 * renderer's IPC client unwraps, exactly as the WebSocket client does.
 */
export interface PreloadBridge {
  request(name: string, input: unknown): Promise<unknown>
  subscribe(name: string, listener: (payload: unknown) => void): () => void
}
