import { z } from 'zod'
import { appErrorDataSchema } from '../base/app-error'

export const exportFormats = ['csv', 'json'] as const

export const exportProgressSchema = z.object({
  exportId: z.string(),
  format: z.enum(exportFormats),
  /** Where the file is written; chosen by the main process, never by the page. For a download: the file's name only. */
  path: z.string(),
  /**
   * The web host's address (same origin) the finished file is downloaded from, once;
   * null when the file was written where `path` says (the desktop app's save dialog).
   */
  download: z.string().nullable(),
  rows: z.number().int(),
  bytes: z.number().int(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  durationMs: z.number(),
  error: appErrorDataSchema.nullable()
})
export type ExportProgress = z.infer<typeof exportProgressSchema>
