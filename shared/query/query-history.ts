import { z } from 'zod'

export const historyEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  connectionId: z.string(),
  connectionName: z.string(),
  sql: z.string(),
  status: z.enum(['done', 'error', 'cancelled']),
  command: z.string().nullable(),
  rowCount: z.number().int().nullable(),
  durationMs: z.number().nullable()
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>
