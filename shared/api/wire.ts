/**
 * Messages on the wire, shared by both transports.
 *
 * Responses never throw across the boundary: they carry `ok` and either a result
 * or an `AppErrorData`, because Electron's IPC flattens thrown errors to a string.
 */
import { z } from 'zod'
import { appErrorDataSchema, type AppErrorData } from '../base/app-error'

export const requestMessageSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown()
})
export const subscribeMessageSchema = z.object({
  t: z.enum(['sub', 'unsub']),
  name: z.string().max(100)
})
export const clientMessageSchema = z.discriminatedUnion('t', [requestMessageSchema, subscribeMessageSchema])
export type ClientMessage = z.infer<typeof clientMessageSchema>

export type ResponseEnvelope = { ok: true; result: unknown } | { ok: false; error: AppErrorData }
export const responseEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorDataSchema })
])

export type ServerMessage =
  | ({ t: 'res'; id: number } & ResponseEnvelope)
  | { t: 'evt'; name: string; payload: unknown }

/** IPC channel names used by the Electron transport (main and preload). */
export const ipcChannels = {
  request: 'tusk:request',
  subscribe: 'tusk:subscribe',
  unsubscribe: 'tusk:unsubscribe',
  event: 'tusk:event'
} as const

/** Path of the WebSocket endpoint of the web host. */
export const webSocketPath = '/api'
