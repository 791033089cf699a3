import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'
import { documentedLocksSchema } from './documented-locks'

/**
 * Where a locked relation stands against the statement: one it names (or an
 * index or TOAST table of one), one it does not name (the trainer's lesson:
 * a foreign key, a partition, a view's table), a system catalog, one another
 * session cannot see (created or dropped by the statement), or no relation
 * at all (a transaction id, an object).
 */
export const lockScopes = ['named', 'elsewhere', 'unseen', 'system', 'not-relation'] as const
export const lockScopeSchema = z.enum(lockScopes)
export type LockScope = z.infer<typeof lockScopeSchema>

/** How a relation the statement does not name is tied to one it names. */
export const lockReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('foreign-key'), constraint: z.string(), referencing: z.string(), referenced: z.string() }),
  z.object({ kind: z.literal('partition-of'), parent: z.string() }),
  z.object({ kind: z.literal('partitioned-parent-of'), partition: z.string() }),
  z.object({ kind: z.literal('read-by-view'), view: z.string() })
])
export type LockReason = z.infer<typeof lockReasonSchema>

export const statementLockSchema = z.object({
  locktype: z.string(),
  mode: z.string(),
  granted: z.boolean(),
  relation: z.string().nullable(),
  /** The modes that conflict with this one (the manual's table); [] for non-table lock types. */
  conflictsWith: z.array(z.string()),
  scope: lockScopeSchema,
  /** What the relation is: table, index, TOAST table, view… (null when not a relation, or unseen). */
  relationKind: z.string().nullable(),
  /** The table an index or TOAST table belongs to; null for the table itself. */
  owner: z.string().nullable(),
  /** For `elsewhere`: why the statement reached it. */
  reasons: z.array(lockReasonSchema)
})
export type StatementLock = z.infer<typeof statementLockSchema>

/** A column whose type an ALTER cannot change because views (or rules) use it. */
export const blockingDependentsSchema = z.object({
  table: z.string(),
  columns: z.array(z.string()),
  dependents: z.array(z.object({ name: z.string(), kind: z.enum(['view', 'materialized view', 'rule']), column: z.string() }))
})
export type BlockingDependents = z.infer<typeof blockingDependentsSchema>

export const statementLocksSchema = z.object({
  statement: z.string(),
  locks: z.array(statementLockSchema),
  /** The statement's own error, if any (a failed statement holds no locks afterwards: `locks` is then empty). */
  error: appErrorDataSchema.nullable(),
  durationMs: z.number(),
  lockTimeoutMs: z.number(),
  /** What the rollback could not undo (calls such as nextval or pg_advisory_lock); [] when nothing. */
  notUndone: z.array(z.string()),
  /** Set when the statement cannot run in a transaction block: it was not run, and this is what the manual says it takes. */
  documented: documentedLocksSchema.nullable(),
  /** Set when an ALTER … TYPE failed because views use the column: which ones. */
  dependents: blockingDependentsSchema.nullable()
})
export type StatementLocks = z.infer<typeof statementLocksSchema>
