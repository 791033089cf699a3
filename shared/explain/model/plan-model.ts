/**
 * The plan model: one shape for EXPLAIN output, whichever format it came in.
 *
 * Both parsers (JSON and text) produce this. Every attribute PostgreSQL printed
 * for a node is kept in `attributes` under its JSON-format key ("Node Type",
 * "Actual Rows", …), so nothing is lost when a newer server adds a property we
 * do not know yet; the typed fields are the subset the visualizer reads.
 * Absent values are `null`, never `undefined`, so "not printed" and "zero" stay
 * distinct (a Seq Scan without ANALYZE has `actualRows: null`, not 0).
 */

export type PlanFormat = 'json' | 'text'

/** How a node hangs below its parent, as the JSON format's "Parent Relationship" says. */
export type ParentRelationship = 'Outer' | 'Inner' | 'InitPlan' | 'SubPlan' | 'Member' | 'Subquery' | 'children' | (string & {})

/** Read-only: kinds with nothing counted share one object (see noBufferCounts). */
export interface BufferCounts {
  readonly hit: number
  readonly read: number
  readonly dirtied: number
  readonly written: number
}

/** Read-only: a node without children shares its buffers object with its exclusive buffers. */
export interface NodeBuffers {
  readonly shared: BufferCounts
  readonly local: BufferCounts
  readonly temp: BufferCounts
}

export interface WalUsage {
  records: number
  fpi: number
  bytes: number
}

/** One parallel worker's share of a node ("Workers" in JSON, "Worker N:" lines in text). */
export interface WorkerStats {
  workerNumber: number
  actualStartupMs: number | null
  actualTotalMs: number | null
  actualRows: number | null
  loops: number | null
  /** Every property printed for this worker, under JSON keys. */
  attributes: Record<string, unknown>
}

export interface PlanNode {
  /** Every property of the node, under its JSON-format key, except "Plans" and "Workers". */
  attributes: Record<string, unknown>
  /** The JSON format's "Node Type": 'Seq Scan', 'Aggregate', 'Hash Join', … (unknown types are kept as printed). */
  nodeType: string
  joinType: string | null
  /** Aggregate/SetOp strategy: 'Plain' | 'Sorted' | 'Hashed' | 'Mixed'. */
  strategy: string | null
  /** Aggregate partial mode: 'Simple' | 'Partial' | 'Finalize'. */
  partialMode: string | null
  parallelAware: boolean
  /** The relation's bare name (no schema). */
  relation: string | null
  schema: string | null
  alias: string | null
  indexName: string | null
  startupCost: number | null
  totalCost: number | null
  planRows: number | null
  planWidth: number | null
  /** Per loop, as PostgreSQL prints it. */
  actualStartupMs: number | null
  /** Per loop, as PostgreSQL prints it. */
  actualTotalMs: number | null
  /** Per loop (fractional from PostgreSQL 18). */
  actualRows: number | null
  loops: number | null
  /** True for "(never executed)" nodes (ANALYZE with loops = 0). */
  neverExecuted: boolean
  workersPlanned: number | null
  workersLaunched: number | null
  workers: WorkerStats[]
  filter: string | null
  indexCond: string | null
  recheckCond: string | null
  joinFilter: string | null
  hashCond: string | null
  mergeCond: string | null
  rowsRemovedByFilter: number | null
  rowsRemovedByIndexRecheck: number | null
  rowsRemovedByJoinFilter: number | null
  sortKey: string[] | null
  sortMethod: string | null
  /** 'Memory' | 'Disk'. */
  sortSpaceType: string | null
  sortSpaceUsedKb: number | null
  hashBuckets: number | null
  hashBatches: number | null
  /** Hash and HashAggregate "Peak Memory Usage" (kB). */
  peakMemoryKb: number | null
  /** HashAggregate/Hash "Disk Usage" (kB). */
  diskUsageKb: number | null
  heapFetches: number | null
  buffers: NodeBuffers | null
  ioReadMs: number | null
  ioWriteMs: number | null
  wal: WalUsage | null
  output: string[] | null
  subplanName: string | null
  parentRelationship: ParentRelationship | null
  cteName: string | null
  children: PlanNode[]
  /** Lines of the input (1-based, inclusive) this node came from, for the raw view. */
  sourceLines?: [number, number]
}

export interface TriggerTiming {
  name: string
  relation: string | null
  timeMs: number | null
  calls: number | null
}

export interface JitSummary {
  functions: number | null
  /** Inlining, Optimization, Expressions, Deforming. */
  options: Record<string, boolean>
  /** Generation, Inlining, Optimization, Emission, Total (ms). */
  timingMs: Record<string, number>
}

export interface ExplainPlan {
  format: PlanFormat
  root: PlanNode
  planningTimeMs: number | null
  executionTimeMs: number | null
  planningBuffers: NodeBuffers | null
  triggers: TriggerTiming[]
  jit: JitSummary | null
  settings: Record<string, string>
  /** Not printed by EXPLAIN itself; filled in by whoever ran the plan, when known. */
  serverVersion: string | null
  /** The EXPLAIN statement found in a paste above the plan (a psql transcript, a script), when there is one. */
  query?: string
  /** Things the parser tolerated (unknown node types, unreadable lines). */
  warnings: string[]
  /** Every other top-level property (Query Identifier, Serialization, Planning memory…), under JSON keys. */
  attributes: Record<string, unknown>
}

export type ParsePlanResult = { ok: true; plan: ExplainPlan } | { ok: false; error: { message: string; line?: number } }

/** Node types PostgreSQL 12–18 print in the JSON format's "Node Type". */
export const knownNodeTypes: ReadonlySet<string> = new Set([
  'Result', 'ProjectSet', 'ModifyTable', 'Append', 'Merge Append', 'Recursive Union', 'BitmapAnd', 'BitmapOr',
  'Nested Loop', 'Merge Join', 'Hash Join', 'Seq Scan', 'Sample Scan', 'Gather', 'Gather Merge', 'Index Scan',
  'Index Only Scan', 'Bitmap Index Scan', 'Bitmap Heap Scan', 'Tid Scan', 'Tid Range Scan', 'Subquery Scan',
  'Function Scan', 'Table Function Scan', 'Values Scan', 'CTE Scan', 'Named Tuplestore Scan', 'WorkTable Scan',
  'Foreign Scan', 'Custom Scan', 'Materialize', 'Memoize', 'Sort', 'Incremental Sort', 'Group', 'Aggregate',
  'WindowAgg', 'Unique', 'SetOp', 'LockRows', 'Limit', 'Hash'
])

/**
 * The counts of a buffer kind nothing was counted for (local and temp, in most
 * plans): one frozen object shared by every node, so a 10,000-node plan does
 * not carry 40,000 objects of zeros.
 */
export const noBufferCounts: BufferCounts = Object.freeze({ hit: 0, read: 0, dirtied: 0, written: 0 })

export function emptyBuffers(): NodeBuffers {
  return { shared: noBufferCounts, local: noBufferCounts, temp: noBufferCounts }
}

/** `buffers` with one counter set (the kind's counts become the node's own object first). */
/** `buffers` (being built, not yet shared) with one counter set; the kind's counts become its own object first. */
export function setBufferCount(buffers: NodeBuffers, kind: keyof NodeBuffers, op: keyof BufferCounts, value: number): void {
  const building = buffers as { -readonly [K in keyof NodeBuffers]: BufferCounts }
  let counts = building[kind] as { -readonly [K in keyof BufferCounts]: number }
  if (counts === noBufferCounts) {
    // JSON plans print every counter, zeros included: a zero keeps the shared counts.
    if (value === 0) return
    building[kind] = counts = { hit: 0, read: 0, dirtied: 0, written: 0 }
  }
  counts[op] = value
}

/** A node with every typed field empty; the parsers fill it in. */
export function emptyNode(
  nodeType: string,
  attributes: Record<string, unknown> = { 'Node Type': nodeType },
  workers: WorkerStats[] = [],
  children: PlanNode[] = []
): PlanNode {
  return {
    attributes,
    nodeType,
    joinType: null,
    strategy: null,
    partialMode: null,
    parallelAware: false,
    relation: null,
    schema: null,
    alias: null,
    indexName: null,
    startupCost: null,
    totalCost: null,
    planRows: null,
    planWidth: null,
    actualStartupMs: null,
    actualTotalMs: null,
    actualRows: null,
    loops: null,
    neverExecuted: false,
    workersPlanned: null,
    workersLaunched: null,
    workers,
    filter: null,
    indexCond: null,
    recheckCond: null,
    joinFilter: null,
    hashCond: null,
    mergeCond: null,
    rowsRemovedByFilter: null,
    rowsRemovedByIndexRecheck: null,
    rowsRemovedByJoinFilter: null,
    sortKey: null,
    sortMethod: null,
    sortSpaceType: null,
    sortSpaceUsedKb: null,
    hashBuckets: null,
    hashBatches: null,
    peakMemoryKb: null,
    diskUsageKb: null,
    heapFetches: null,
    buffers: null,
    ioReadMs: null,
    ioWriteMs: null,
    wal: null,
    output: null,
    subplanName: null,
    parentRelationship: null,
    cteName: null,
    children
  }
}

/** Every node of a tree, a node before its children, children in the order EXPLAIN lists them (no recursion: plans can be thousands deep). */
export function preorder(root: PlanNode): PlanNode[] {
  const nodes: PlanNode[] = []
  const stack = [root]
  while (stack.length) {
    const node = stack.pop()!
    nodes.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return nodes
}
