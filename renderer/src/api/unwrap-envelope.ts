import { AppError, rpcErrorCodes } from '@shared/base/app-error'
import { responseEnvelopeSchema } from '@shared/api/wire'

/** Both transports answer with an envelope; this turns it into a value or a thrown AppError. */
export function unwrapEnvelope(envelope: unknown): unknown {
  const parsed = responseEnvelopeSchema.safeParse(envelope)
  if (!parsed.success) throw new AppError({ code: rpcErrorCodes.internal, message: 'The main process sent an unreadable answer' })
  if (!parsed.data.ok) throw new AppError(parsed.data.error)
  return parsed.data.result
}
