import { z } from 'zod'

/** A JSON-safe cell: pg values are turned into strings/numbers/booleans/null by the service. */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type Cell = z.infer<typeof cellSchema>

export const resultFieldSchema = z.object({
  name: z.string(),
  dataTypeId: z.number().int(),
  /** Type name as the server spells it (int4, text, jsonb…). */
  typeName: z.string()
})
export type ResultField = z.infer<typeof resultFieldSchema>

export const simpleQueryResultSchema = z.object({
  command: z.string(),
  rowCount: z.number().int().nullable(),
  fields: z.array(resultFieldSchema),
  rows: z.array(z.array(cellSchema)),
  /** True when more rows existed than were sent back. */
  truncated: z.boolean(),
  durationMs: z.number()
})
export type SimpleQueryResult = z.infer<typeof simpleQueryResultSchema>
