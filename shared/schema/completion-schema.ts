import { z } from 'zod'

/** What the editor needs to complete names: relations with their columns, and functions. */
export const completionSchemaSchema = z.object({
  relations: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      /** r table, p partitioned table, v view, m materialized view, f foreign table */
      kind: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() }))
    })
  ),
  functions: z.array(z.object({ schema: z.string(), name: z.string() })),
  /** True when the database has more than we send (very large schemas). */
  truncated: z.boolean()
})
export type CompletionSchema = z.infer<typeof completionSchemaSchema>

/** Commands after which the editor's names may be stale. */
export function changesSchema(command: string | null): boolean {
  return command !== null && /^(CREATE|ALTER|DROP|COMMENT|IMPORT|SELECT INTO)/.test(command)
}
