import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'

export const statementLockSchema = z.object({
  locktype: z.string(),
  mode: z.string(),
  granted: z.boolean(),
  relation: z.string().nullable(),
  /** The modes that conflict with this one (the manual's table); [] for non-table lock types. */
  conflictsWith: z.array(z.string())
})

export const statementLocksSchema = z.object({
  statement: z.string(),
  locks: z.array(statementLockSchema),
  /** The statement's own error (it still took locks before failing), if any. */
  error: appErrorDataSchema.nullable(),
  durationMs: z.number(),
  lockTimeoutMs: z.number(),
  /** What the rollback could not undo (calls such as nextval or pg_advisory_lock); [] when nothing. */
  notUndone: z.array(z.string())
})
export type StatementLocks = z.infer<typeof statementLocksSchema>
