import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'

export const sandboxPhases = ['stopped', 'initialising', 'starting', 'seeding', 'ready', 'stopping', 'failed'] as const
export const sandboxPhaseSchema = z.enum(sandboxPhases)
export type SandboxPhase = z.infer<typeof sandboxPhaseSchema>

export const sandboxStatusSchema = z.object({
  phase: sandboxPhaseSchema,
  /** 0..1 while initialising/seeding, 1 when ready. */
  progress: z.number().min(0).max(1),
  /** What is happening, in words a user understands ("Creating loans (1,000,000 rows)"). */
  message: z.string(),
  port: z.number().int().nullable(),
  serverVersion: z.string().nullable(),
  error: appErrorDataSchema.nullable(),
  /** How many times this run started the server again after it died (killed, crashed). */
  restarts: z.number().int().min(0).optional(),
  /** Something the user should know though all is well now ("The sandbox server stopped unexpectedly and was restarted"). */
  notice: z.string().nullable().optional()
})
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>

/** The id of the built-in sandbox connection profile. */
export const sandboxConnectionId = 'sandbox'
