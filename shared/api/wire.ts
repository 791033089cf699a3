/**
 * Messages on the wire, shared by both transports.
 *
 * Responses never throw across the boundary: they carry `ok` and either a result
 * or an `AppErrorData`, because Electron's IPC flattens thrown errors to a string.
 */
import { z } from 'zod'
import { appErrorDataSchema, type AppErrorData } from '../base/app-error'
import { nestsDeeperThan } from './wire-depth'

/** The longest script the contract accepts (`query.start`'s sql), in UTF-16 code units as zod counts them. */
export const maxScriptChars = 10_000_000

/**
 * The biggest message either transport accepts, in bytes of UTF-8 JSON.
 *
 * A maximum-size script must fit whatever it is written in: a code unit is at
 * most 3 bytes of UTF-8 (a surrogate pair, two units, is 4) and JSON escapes
 * quotes, backslashes and newlines to 2, so 4 bytes per unit covers every real
 * script; 1 MiB more leaves room for the envelope and the other fields.
 */
export const maxMessageBytes = 4 * maxScriptChars + 1024 * 1024

/** How deeply a message may nest arrays and objects; no request of the contract comes close. */
export const maxMessageDepth = 64

/**
 * Why a message's JSON text must be refused before it is parsed, or null when it may be.
 *
 * Both transports ask this the same way: the web host of each text frame, the
 * IPC transport of each request serialised back to JSON.
 */
export function wireTextProblem(text: string, byteLength: number): string | null {
  if (byteLength > maxMessageBytes) {
    return `The message is ${byteLength} bytes; the limit is ${maxMessageBytes} bytes (a script of ${maxScriptChars} characters).`
  }
  if (nestsDeeperThan(text, maxMessageDepth)) return `The message nests deeper than ${maxMessageDepth} levels.`
  return null
}

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

/**
 * The id of a request read from the start of its text, without parsing it.
 *
 * Lets a refused message (too deep to parse) still be answered with an error
 * envelope: the clients write `{"t":"req","id":…` first. Null for anything else.
 */
export function leadingRequestId(text: string): number | null {
  const match = /^\s*\{\s*"t"\s*:\s*"req"\s*,\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(text.slice(0, 100))
  return match ? Number(match[1]) : null
}

/** IPC channel names used by the Electron transport (main and preload). */
export const ipcChannels = {
  request: 'tusk:request',
  subscribe: 'tusk:subscribe',
  unsubscribe: 'tusk:unsubscribe',
  event: 'tusk:event'
} as const

/** Path of the WebSocket endpoint of the web host. */
export const webSocketPath = '/api'
