import { z } from 'zod'

/**
 * The one error shape that crosses the process boundary.
 *
 * Services throw `AppError`; transports serialise it as `AppErrorData`. Postgres
 * errors keep their SQLSTATE, detail, hint and position so the UI can show them
 * the way psql would.
 */
export const appErrorDataSchema = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  hint: z.string().optional(),
  sqlstate: z.string().optional(),
  position: z.number().int().optional()
})
export type AppErrorData = z.infer<typeof appErrorDataSchema>

export class AppError extends Error {
  readonly data: AppErrorData
  constructor(data: AppErrorData) {
    super(data.message)
    this.name = 'AppError'
    this.data = data
  }
  static is(value: unknown): value is AppError {
    return value instanceof AppError
  }
}

/** Error codes produced by the RPC layer itself (not by a service). */
export const rpcErrorCodes = {
  unknownRequest: 'rpc/unknown-request',
  invalidInput: 'rpc/invalid-input',
  invalidOutput: 'rpc/invalid-output',
  internal: 'rpc/internal',
  disconnected: 'rpc/disconnected'
} as const

export function toAppErrorData(error: unknown): AppErrorData {
  if (AppError.is(error)) return error.data
  const message = error instanceof Error ? error.message : String(error)
  return { code: rpcErrorCodes.internal, message }
}
