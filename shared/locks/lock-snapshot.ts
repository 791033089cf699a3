import { z } from 'zod'
import { backendSessionSchema } from '../sessions/backend-session'

export const lockSessionSchema = backendSessionSchema.extend({
  transactionAgeMs: z.number().nullable()
})

export const lockEdgeSchema = z.object({
  waiterPid: z.number().int(),
  blockerPid: z.number().int(),
  kind: z.enum(['hard', 'soft', 'prepared_xact']),
  mode: z.string(),
  blockerMode: z.string().nullable(),
  locktype: z.string(),
  relation: z.string().nullable(),
  waitingSince: z.number().nullable()
})

export const lockSnapshotSchema = z.object({
  takenAt: z.number(),
  edges: z.array(lockEdgeSchema),
  /** The sessions that appear in an edge (waiters and blockers; pid 0 is a prepared transaction). */
  sessions: z.array(lockSessionSchema),
  rootBlockers: z.array(z.number().int()),
  /** Server time spent on the snapshot's queries. */
  queryMs: z.number()
})
export type LockSnapshot = z.infer<typeof lockSnapshotSchema>
export type LockSession = z.infer<typeof lockSessionSchema>
