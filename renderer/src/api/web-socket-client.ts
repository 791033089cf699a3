/**
 * The web host transport: one WebSocket, request ids, events, reconnection.
 *
 * A request made while the link is down waits for it (up to a timeout) instead
 * of failing at once; it is sent only once the link is up, so a request the
 * caller was told had failed never runs later behind their back. Requests
 * already sent when the link drops fail at once: whether they ran is unknown.
 * Subscriptions are renewed after every reconnect, so a restarted web host picks
 * up where the page left off.
 */
import { AppError, rpcErrorCodes } from '@shared/base/app-error'
import type { TuskApi } from '@shared/api/tusk-api'
import { maxMessageBytes, webSocketPath, type ClientMessage, type ServerMessage } from '@shared/api/wire'
import { unwrapEnvelope } from './unwrap-envelope'

/** The part of the browser's WebSocket this client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number
  send(text: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: unknown) => void) | null
  onerror: ((event: unknown) => void) | null
}

export interface WebSocketClientOptions {
  url?: string
  createSocket?: (url: string) => SocketLike
  requestTimeoutMs?: number
  /** First retry delay; doubles per failed attempt up to `maxRetryMs`, with jitter. */
  firstRetryMs?: number
  maxRetryMs?: number
  random?: () => number
}

interface Pending {
  name: string
  text: string
  sent: boolean
  timer: ReturnType<typeof setTimeout>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

const socketOpen = 1

function defaultUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${webSocketPath}`
}

/** Delay before reconnect attempt number `attempt` (0-based): exponential, capped, jittered so many tabs do not retry in step. */
export function retryDelay(attempt: number, firstMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 16))
  return Math.round(ceiling * (0.5 + random() * 0.5))
}

export function createWebSocketClient(options: WebSocketClientOptions = {}): TuskApi {
  const url = options.url ?? defaultUrl()
  const createSocket = options.createSocket ?? ((target: string) => new WebSocket(target) as unknown as SocketLike)
  const requestTimeoutMs = options.requestTimeoutMs ?? 120_000
  const firstRetryMs = options.firstRetryMs ?? 250
  const maxRetryMs = options.maxRetryMs ?? 5_000
  const random = options.random ?? Math.random

  let socket: SocketLike | null = null
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let linkUp: boolean | null = null
  let nextId = 1
  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const linkListeners = new Set<(up: boolean) => void>()

  const isOpen = () => socket !== null && socket.readyState === socketOpen

  const sendNow = (message: ClientMessage) => {
    if (isOpen()) socket!.send(JSON.stringify(message))
  }

  const setLink = (up: boolean) => {
    if (linkUp === up) return
    linkUp = up
    for (const listener of [...linkListeners]) listener(up)
  }

  const deliver = (name: string, payload: unknown) => {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        // One broken listener must not starve the others of the event.
        console.error(`[tusk] listener of ${name} failed`, error)
      }
    }
  }

  const settle = (id: number, outcome: { value: unknown } | { error: unknown }) => {
    const waiting = pending.get(id)
    if (!waiting) return
    pending.delete(id)
    clearTimeout(waiting.timer)
    if ('error' in outcome) waiting.reject(outcome.error)
    else waiting.resolve(outcome.value)
  }

  const scheduleReconnect = () => {
    if (retryTimer !== null) return
    const delay = retryDelay(attempt++, firstRetryMs, maxRetryMs, random)
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect()
    }, delay)
  }

  const connect = () => {
    let ws: SocketLike
    try {
      ws = createSocket(url)
    } catch {
      setLink(false)
      scheduleReconnect()
      return
    }
    socket = ws
    ws.onopen = () => {
      if (socket !== ws) return
      attempt = 0
      for (const name of listeners.keys()) ws.send(JSON.stringify({ t: 'sub', name } satisfies ClientMessage))
      // Oldest first: requests keep the order they were made in.
      for (const waiting of pending.values()) {
        if (waiting.sent) continue
        ws.send(waiting.text)
        waiting.sent = true
      }
      setLink(true)
    }
    ws.onmessage = (event) => {
      let message: ServerMessage
      try {
        message = JSON.parse(String(event.data)) as ServerMessage
      } catch {
        return
      }
      if (message.t === 'res') {
        try {
          settle(message.id, { value: unwrapEnvelope(message) })
        } catch (error) {
          settle(message.id, { error })
        }
      } else if (message.t === 'evt') {
        deliver(message.name, message.payload)
      }
    }
    ws.onerror = () => {
      // Always followed by close, which does the work.
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      for (const [id, waiting] of pending) {
        if (!waiting.sent) continue
        settle(id, {
          error: new AppError({
            code: rpcErrorCodes.disconnected,
            message: `The link to Tusk was lost before "${waiting.name}" answered.`,
            hint: 'Tusk reconnects by itself; check the result and try again if needed.'
          })
        })
      }
      setLink(false)
      scheduleReconnect()
    }
  }

  // A laptop waking up or a network coming back: no need to wait for the backoff.
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    window.addEventListener('online', () => {
      if (socket !== null || retryTimer === null) return
      clearTimeout(retryTimer)
      retryTimer = null
      attempt = 0
      connect()
    })
  }

  connect()

  return {
    transport: 'web',
    request: (name, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        const text = JSON.stringify({ t: 'req', id, name, input } satisfies ClientMessage)
        // The host would close the link on it (failing every request in flight): refuse it here, alone.
        if (text.length * 3 > maxMessageBytes && new TextEncoder().encode(text).byteLength > maxMessageBytes) {
          reject(
            new AppError({
              code: rpcErrorCodes.invalidInput,
              message: `"${name}" is too big to send: the limit is ${Math.floor(maxMessageBytes / 1024 / 1024)} MiB.`
            })
          )
          return
        }
        const timer = setTimeout(() => {
          settle(id, {
            error: new AppError({
              code: rpcErrorCodes.disconnected,
              message: `No answer to "${name}" after ${Math.round(requestTimeoutMs / 1000)} s.`,
              hint: linkUp === false ? 'The link to Tusk is down; is the web host still running?' : undefined
            })
          })
        }, requestTimeoutMs)
        const waiting: Pending = { name, text, sent: false, timer, resolve: resolve as (value: unknown) => void, reject }
        pending.set(id, waiting)
        if (isOpen()) {
          socket!.send(text)
          waiting.sent = true
        }
      }),
    subscribe: (name, listener) => {
      let set = listeners.get(name)
      if (!set) {
        listeners.set(name, (set = new Set()))
        sendNow({ t: 'sub', name })
      }
      const typed = listener as (payload: unknown) => void
      set.add(typed)
      return () => {
        if (!set.delete(typed) || set.size > 0) return
        listeners.delete(name)
        sendNow({ t: 'unsub', name })
      }
    },
    onLinkChange: (listener) => {
      linkListeners.add(listener)
      return () => void linkListeners.delete(listener)
    }
  }
}
