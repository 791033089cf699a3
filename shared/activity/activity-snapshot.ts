import { z } from 'zod'
import { lockEdgeSchema } from '../locks/lock-snapshot'
import { appErrorDataSchema } from '../base/app-error'
import { backendSessionSchema } from '../sessions/backend-session'

export const activitySessionSchema = backendSessionSchema.extend({
  client: z.string().nullable(),
  backendType: z.string().nullable(),
  transactionStart: z.number().nullable(),
  queryStart: z.number().nullable()
})
export type ActivitySession = z.infer<typeof activitySessionSchema>

export const activityStatsSchema = z.object({
  connections: z.number().int(),
  maxConnections: z.number().int(),
  active: z.number().int(),
  idle: z.number().int(),
  idleInTransaction: z.number().int(),
  waiting: z.number().int(),
  /** Per second since the previous poll; null on the first. */
  transactionsPerSec: z.number().nullable(),
  tuplesPerSec: z.number().nullable(),
  blockReadsPerSec: z.number().nullable(),
  cacheHitRatio: z.number().nullable()
})
export type ActivityStats = z.infer<typeof activityStatsSchema>

/** One poll, as a diff against the previous one (`full` resets the renderer's copy). */
export const activityUpdateSchema = z.object({
  connectionId: z.string(),
  at: z.number(),
  full: z.boolean(),
  upserts: z.array(activitySessionSchema),
  removed: z.array(z.number().int()),
  stats: activityStatsSchema.nullable(),
  edges: z.array(lockEdgeSchema),
  /** Set while the server cannot be reached; the watcher keeps trying. */
  error: appErrorDataSchema.nullable(),
  pollMs: z.number()
})
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>
