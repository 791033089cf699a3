import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'

export const exportFormats = ['csv', 'json'] as const

export const exportProgressSchema = z.object({
  exportId: z.string(),
  format: z.enum(exportFormats),
  /** Where the file is written; chosen by the main process, never by the page. */
  path: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  durationMs: z.number(),
  error: appErrorDataSchema.nullable()
})
export type ExportProgress = z.infer<typeof exportProgressSchema>
