import { z } from 'zod'

const relationSchema = z.object({
  name: z.string(),
  /** r table, p partitioned table, v view, m materialized view, f foreign table, S sequence */
  kind: z.string(),
  /** For a partition: its parent's name (in the same schema). */
  parent: z.string().nullable(),
  estimatedRows: z.number().nullable()
})

export const schemaTreeSchema = z.object({
  schemas: z.array(
    z.object({
      name: z.string(),
      relations: z.array(relationSchema),
      functions: z.array(z.object({ name: z.string(), signature: z.string(), kind: z.string() }))
    })
  )
})
export type SchemaTree = z.infer<typeof schemaTreeSchema>
export type SchemaRelation = z.infer<typeof relationSchema>

const relationSizesSchema = z.object({ table: z.number(), toast: z.number(), indexes: z.number(), total: z.number() })
export type RelationSizes = z.infer<typeof relationSizesSchema>

export const tableDetailsSchema = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.string(),
  comment: z.string().nullable(),
  estimatedRows: z.number().nullable(),
  /** For a partitioned (or inheritance) parent: the sum over the whole tree of partitions, the parent's own (zero) included. */
  sizes: relationSizesSchema,
  columns: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean(), default: z.string().nullable() })),
  indexes: z.array(z.object({ name: z.string(), definition: z.string(), sizeBytes: z.number(), scans: z.number().nullable(), valid: z.boolean(), primary: z.boolean(), unique: z.boolean() })),
  constraints: z.array(z.object({ name: z.string(), type: z.string(), definition: z.string() })),
  foreignKeys: z.object({
    outgoing: z.array(z.object({ name: z.string(), definition: z.string(), otherTable: z.string() })),
    incoming: z.array(z.object({ name: z.string(), definition: z.string(), otherTable: z.string() }))
  }),
  /** Every partition (and inheritance child) below the table, nested ones with `level` > 1; sizes are each one's subtree. */
  partitions: z.array(
    z.object({ name: z.string(), bound: z.string(), level: z.number().int(), parent: z.string().nullable(), estimatedRows: z.number().nullable(), sizes: relationSizesSchema })
  ),
  ddl: z.string()
})
export type TableDetails = z.infer<typeof tableDetailsSchema>

