/** The trainer's MVCC demo on the sandbox: a few rows, their versions' xmin/xmax/ctid, and the dead tuples. */
import { z } from 'zod'

export const mvccDemoActions = ['reset', 'update', 'vacuum', 'read'] as const
export type MvccDemoAction = (typeof mvccDemoActions)[number]

export const mvccDemoSchema = z.object({
  rows: z.array(z.object({ ctid: z.string(), xmin: z.string(), xmax: z.string(), id: z.number().int(), value: z.number().int() })),
  liveTuples: z.number(),
  deadTuples: z.number(),
  pages: z.number()
})
export type MvccDemo = z.infer<typeof mvccDemoSchema>
