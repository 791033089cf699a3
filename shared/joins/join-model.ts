/**
 * What the join stepper shows, as data: the same object for the app, the
 * `tusk joins --json` command and the tests.
 *
 * Rows of a join's inputs are tuples of leaf row numbers (null where an outer
 * join padded that leaf), so any row can be traced back to its source rows.
 * Values are PostgreSQL's text output; SQL NULL is null.
 */
import { z } from 'zod'

export type JoinKind = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'SEMI' | 'ANTI'
export type JoinWritten = 'ON' | 'USING' | 'NATURAL' | 'CROSS JOIN' | ',' | 'EXISTS' | 'NOT EXISTS' | 'IN' | 'NOT IN'

const value = z.string().nullable()
/** One row of a join input: a row number per leaf (1-based), null where padded. */
const identity = z.array(z.number().int().nullable())

export const joinInputSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  alias: z.string(),
  kind: z.enum(['table', 'subquery', 'values', 'function', 'cte']),
  /** schema.table for tables. */
  table: z.string().optional(),
  columns: z.array(z.string()),
  rows: z.array(z.array(value)),
  /** The sample is the whole table (or the whole subquery). */
  wholeTable: z.boolean(),
  /** The planner's estimate of the table's rows. */
  estimatedRows: z.number().optional()
})
export type JoinInput = z.infer<typeof joinInputSchema>

const joinSideSchema = z.object({
  label: z.string(),
  /** Leaf ids, in the order of each row's identity. */
  leaves: z.array(z.number().int()),
  columns: z.array(z.string()),
  rows: z.array(identity),
  values: z.array(z.array(value))
})
export type JoinSide = z.infer<typeof joinSideSchema>

export const joinStageSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'SEMI', 'ANTI']),
  written: z.enum(['ON', 'USING', 'NATURAL', 'CROSS JOIN', ',', 'EXISTS', 'NOT EXISTS', 'IN', 'NOT IN']),
  condition: z.string().nullable(),
  left: joinSideSchema,
  right: joinSideSchema,
  /** Every candidate pair (indexes into left.rows and right.rows) with the server's verdict. */
  pairs: z.array(z.object({ left: z.number().int(), right: z.number().int(), on: z.boolean().nullable() })),
  /** Pairs whose verdict is true. */
  matched: z.number().int(),
  /** Rows kept without a partner: outer-join padding (or, for SEMI/ANTI, the kept left rows). */
  padded: z.array(z.object({ side: z.enum(['left', 'right']), row: z.number().int(), values: z.array(value) })),
  /** The join's output rows, as identities over left.leaves ++ right.leaves (SEMI/ANTI: left.leaves). */
  output: z.array(identity),
  /** Left rows with more than one match (fan-out). */
  fanOut: z.number().int()
})
export type JoinStage = z.infer<typeof joinStageSchema>

export const joinReplaySchema = z.object({
  joinId: z.number().int(),
  method: z.enum(['Nested Loop', 'Hash Join', 'Merge Join']),
  /** Which logical side the plan reads first (outer) and builds from / scans repeatedly (inner). */
  outer: z.enum(['left', 'right']),
  key: z.object({ outer: z.string(), inner: z.string() }).nullable(),
  comparisons: z.number().int(),
  /** Hash Join: bucket → inner rows; Merge: each side's order; Nested Loop: empty. */
  buckets: z.array(z.object({ bucket: z.number().int(), rows: z.array(z.number().int()) })),
  outerOrder: z.array(z.number().int()),
  innerOrder: z.array(z.number().int()),
  /** Each probe: outer row → inner rows compared, and which matched. */
  probes: z.array(z.object({ outer: z.number().int(), compared: z.array(z.number().int()), matched: z.array(z.number().int()) })),
  /** Comparisons the other algorithms would make on the same sample. */
  alternatives: z.array(z.object({ method: z.string(), comparisons: z.number().int(), cost: z.number().nullable() })),
  planCost: z.number().nullable()
})
export type JoinReplay = z.infer<typeof joinReplaySchema>

export const joinStepSchema = z.object({
  kind: z.enum(['inputs', 'grid', 'filter', 'matched', 'padding', 'semi', 'where', 'summary']),
  joinId: z.number().int().optional(),
  title: z.string(),
  narration: z.string(),
  counter: z.string(),
  /** "How many rows will …?" asked before the step is shown. */
  prediction: z.object({ question: z.string(), answer: z.number().int() }).optional()
})
export type JoinStep = z.infer<typeof joinStepSchema>

export const joinStepsSchema = z.object({
  sql: z.string(),
  sampleSize: z.number().int(),
  inputs: z.array(joinInputSchema),
  joins: z.array(joinStageSchema),
  where: z
    .object({
      condition: z.string(),
      /** Identities (over the FROM leaves) of the rows the WHERE saw, and its verdict on each. */
      rows: z.array(identity),
      verdicts: z.array(z.boolean().nullable()),
      kept: z.number().int(),
      removedPadded: z.number().int()
    })
    .nullable(),
  fromLeaves: z.array(z.number().int()),
  steps: z.array(joinStepSchema),
  columns: z.array(z.string()),
  rows: z.array(z.array(value)),
  result: z.array(z.record(z.string(), value)).optional(),
  /** Per final row, its identity over fromLeaves (null when it could not be traced). */
  trace: z.array(identity).nullable(),
  replay: z.array(joinReplaySchema),
  warnings: z.array(z.string())
})
export type JoinSteps = z.infer<typeof joinStepsSchema>
