/**
 * One piece of advice about a plan, as the app, the service and the CLI show it.
 *
 * `columns` are written as in the index: a column name or an expression such
 * as `lower(email)`; the direction and operator class are in `statement`.
 */
import { z } from 'zod'

export const adviceKinds = ['index', 'extend-index', 'rewrite', 'statistics', 'work-mem', 'vacuum'] as const
export type AdviceKind = (typeof adviceKinds)[number]

export const adviceSeverities = ['high', 'medium', 'low'] as const
export type AdviceSeverity = (typeof adviceSeverities)[number]

export const verificationSchema = z.object({
  method: z.enum(['hypopg', 'rolled-back-index']),
  costBefore: z.number(),
  costAfter: z.number(),
  /** Whether the planner chose the new index in the plan after. */
  used: z.boolean(),
  verdict: z.enum(['recommended', 'marginal', 'dropped']),
  /** Execution time before and after, when the check ran the statement (EXPLAIN ANALYZE). */
  msBefore: z.number().nullable(),
  msAfter: z.number().nullable(),
  /** The plan after, for the compare view. */
  planAfterJson: z.string().nullable()
})
export type Verification = z.infer<typeof verificationSchema>

export const adviceItemSchema = z.object({
  /** Stable within one plan: kind, node and columns. */
  id: z.string(),
  kind: z.enum(adviceKinds),
  severity: z.enum(adviceSeverities),
  /** Pre-order id of the node the advice is about (the plan view's node ids). */
  nodeId: z.number().int(),
  schema: z.string().nullable(),
  table: z.string().nullable(),
  columns: z.array(z.string()),
  method: z.enum(['btree', 'gin', 'gist']).nullable(),
  /** The SQL to run (CREATE INDEX CONCURRENTLY …, SET work_mem …, ANALYZE …), or null for a rewrite hint. */
  statement: z.string().nullable(),
  /** The name the index statement gives the index (index advice only). */
  indexName: z.string().nullable(),
  /** The same index built without CONCURRENTLY (which cannot run inside a transaction): what verification builds. */
  plainStatement: z.string().nullable(),
  /** The numbers from the plan this stands on. */
  evidence: z.string(),
  reason: z.string(),
  /** Estimates were 10× off on this node: statistics first, then judge the index. */
  tentative: z.boolean(),
  /** Only with a live connection and a check that ran. */
  verification: verificationSchema.nullable(),
  /** Why the check did not run or cannot judge (GIN under hypopg, a read-only connection). */
  verificationNote: z.string().nullable()
})
export type AdviceItem = z.infer<typeof adviceItemSchema>

/** An index that exists on the server, as the advice compares against it. */
export interface ExistingIndex {
  schema: string
  table: string
  name: string
  method: string
  /** Key columns as written in the index (names, or expressions in the parser's normal form). */
  columns: string[]
  unique: boolean
  primary: boolean
  partial: boolean
  valid: boolean
}

export interface AdviceContext {
  /** Indexes on the tables the plan reads (live connection only). */
  existingIndexes?: ExistingIndex[]
  /** Rows in a relation (reltuples), so a plan without ANALYZE still shows what a scan read. */
  relationRows?: (schema: string | null, table: string) => number | null
}

/** How far CREATE INDEX CONCURRENTLY has come (pg_stat_progress_create_index), sent while an apply runs. */
export const applyProgressSchema = z.object({
  connectionId: z.string(),
  indexName: z.string(),
  phase: z.string(),
  blocksDone: z.number(),
  blocksTotal: z.number(),
  tuplesDone: z.number(),
  tuplesTotal: z.number(),
  done: z.boolean(),
  error: z.string().nullable()
})
export type ApplyProgress = z.infer<typeof applyProgressSchema>
