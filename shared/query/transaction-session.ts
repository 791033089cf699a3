import { z } from 'zod'

/**
 * Transaction mode: one pinned session whose transaction stays open across runs
 * until the user commits or rolls back.
 */
export const transactionSessionSchema = z.object({
  sessionId: z.string(),
  connectionId: z.string(),
  backendPid: z.number().int().nullable(),
  /** none: no transaction yet; open: in progress; failed: an error happened, only ROLLBACK helps; closed: session ended. */
  transaction: z.enum(['none', 'open', 'failed', 'closed'])
})
export type TransactionSessionState = z.infer<typeof transactionSessionSchema>
