/**
 * What the catalog says about the partitions a plan lists: each one's
 * ancestors (pg_inherits, nearest first) and how many leaf partitions each
 * ancestor has at any depth.
 *
 * The plan cannot know it: partitions the planner pruned are simply absent.
 * The main process reads it on the connection the plan was explained on
 * (explain.run) and it travels with the plan; a pasted plan has none.
 */
import { z } from 'zod'

export const partitionAncestrySchema = z.object({
  schema: z.string(),
  name: z.string(),
  /** Nearest first: the partitioned table it is a partition of, then that one's parent… */
  ancestors: z.array(z.object({ schema: z.string(), name: z.string(), partitions: z.number().int().min(0) }))
})
export type PartitionAncestry = z.infer<typeof partitionAncestrySchema>

/** A partition as the plan names it (VERBOSE prints the schema). */
export interface ListedPartition {
  schema: string
  name: string
}
