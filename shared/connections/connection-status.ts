import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'
import { connectionProfileSchema } from './connection-profile'

export const connectionStates = ['closed', 'connecting', 'connected', 'reconnecting', 'failed'] as const
export const connectionStateSchema = z.enum(connectionStates)
export type ConnectionState = z.infer<typeof connectionStateSchema>

export const poolStatsSchema = z.object({
  total: z.number().int(),
  idle: z.number().int(),
  waiting: z.number().int(),
  max: z.number().int()
})
export type PoolStats = z.infer<typeof poolStatsSchema>

export const serverInfoSchema = z.object({
  /** e.g. "18.1" */
  version: z.string(),
  /** server_version_num, e.g. 180001 */
  versionNum: z.number().int()
})
export type ServerInfo = z.infer<typeof serverInfoSchema>

/** A profile together with what is happening to it right now. */
export const connectionSummarySchema = z.object({
  profile: connectionProfileSchema,
  state: connectionStateSchema,
  pool: poolStatsSchema.nullable(),
  server: serverInfoSchema.nullable(),
  lastError: appErrorDataSchema.nullable()
})
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>

export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), server: serverInfoSchema, latencyMs: z.number() }),
  z.object({ ok: z.literal(false), error: appErrorDataSchema })
])
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>
