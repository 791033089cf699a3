/**
 * The web host transport: one WebSocket, request ids, events, reconnection.
 *
 * Requests made while the link is down wait for it (up to a timeout) instead of
 * failing at once, and subscriptions are renewed after every reconnect, so a
 * restarted web host picks up where the page left off.
 */
import { AppError, rpcErrorCodes } from '../../../shared/rpc/app-error'
import type { TuskApi } from '../../../shared/rpc/tusk-api'
import { webSocketPath, type ClientMessage, type ServerMessage } from '../../../shared/rpc/wire'
import { unwrapEnvelope } from './unwrap-envelope'

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

const requestTimeoutMs = 120_000

export function createWebSocketClient(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${webSocketPath}`): TuskApi {
  let socket: WebSocket | null = null
  let nextId = 1
  let retryMs = 250
  const pending = new Map<number, Pending>()
  const queue: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const linkListeners = new Set<(up: boolean) => void>()

  const send = (message: ClientMessage) => {
    const text = JSON.stringify(message)
    if (socket?.readyState === WebSocket.OPEN) socket.send(text)
    else queue.push(text)
  }

  const connect = () => {
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      retryMs = 250
      for (const name of listeners.keys()) ws.send(JSON.stringify({ t: 'sub', name } satisfies ClientMessage))
      for (const text of queue.splice(0)) ws.send(text)
      for (const listener of linkListeners) listener(true)
    }
    ws.onmessage = (event) => {
      let message: ServerMessage
      try {
        message = JSON.parse(String(event.data)) as ServerMessage
      } catch {
        return
      }
      if (message.t === 'res') {
        const waiting = pending.get(message.id)
        if (!waiting) return
        pending.delete(message.id)
        try {
          waiting.resolve(unwrapEnvelope(message))
        } catch (error) {
          waiting.reject(error)
        }
      } else if (message.t === 'evt') {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload)
      }
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      for (const listener of linkListeners) listener(false)
      // Requests in flight are lost with the socket; their callers hear so.
      for (const [id, waiting] of pending) {
        pending.delete(id)
        waiting.reject(new AppError({ code: rpcErrorCodes.disconnected, message: 'The link to Tusk was lost; try again in a moment' }))
      }
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 5000)
    }
  }
  connect()

  return {
    transport: 'web',
    request: (name, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        const timer = setTimeout(() => {
          if (pending.delete(id)) reject(new AppError({ code: rpcErrorCodes.disconnected, message: `No answer to ${name} after ${requestTimeoutMs / 1000} s` }))
        }, requestTimeoutMs)
        pending.set(id, {
          resolve: (value) => (clearTimeout(timer), resolve(value as never)),
          reject: (error) => (clearTimeout(timer), reject(error))
        })
        send({ t: 'req', id, name, input })
      }),
    subscribe: (name, listener) => {
      let set = listeners.get(name)
      if (!set) {
        listeners.set(name, (set = new Set()))
        send({ t: 'sub', name })
      }
      const typed = listener as (payload: unknown) => void
      set.add(typed)
      return () => {
        set.delete(typed)
        if (set.size === 0) {
          listeners.delete(name)
          send({ t: 'unsub', name })
        }
      }
    },
    onLinkChange: (listener) => {
      linkListeners.add(listener)
      return () => linkListeners.delete(listener)
    }
  }
}
