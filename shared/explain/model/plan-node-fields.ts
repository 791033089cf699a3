/**
 * Typed fields of a plan node, read from its JSON-keyed attributes.
 *
 * Both parsers end here: the text parser first translates each line into the
 * attributes the JSON format would have printed, so one function decides what
 * `nodeType`, `buffers` or `rowsRemovedByFilter` mean and the two formats
 * cannot drift apart.
 */
import {
  emptyBuffers,
  emptyNode,
  setBufferCount,
  type BufferCounts,
  type JitSummary,
  type NodeBuffers,
  type PlanNode,
  type TriggerTiming,
  type WorkerStats
} from './plan-model'

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : null
  }
  return null
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

function strList(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
  if (typeof value === 'string') return [value]
  return null
}

/** [kind, op, "Shared Hit Blocks"] for every buffer counter, built once. */
const bufferKeys = (['Shared', 'Local', 'Temp'] as const).flatMap((kind) =>
  (['Hit', 'Read', 'Dirtied', 'Written'] as const).map(
    (op) => [kind.toLowerCase() as keyof NodeBuffers, op.toLowerCase() as keyof BufferCounts, `${kind} ${op} Blocks`] as const
  )
)

/** "Shared Hit Blocks" … "Temp Written Blocks", or null when none was printed. */
export function buffersFrom(attributes: Record<string, unknown>): NodeBuffers | null {
  let buffers: NodeBuffers | null = null
  for (const [kind, op, key] of bufferKeys) {
    const raw = attributes[key]
    if (raw === undefined) continue
    const value = num(raw)
    if (value === null) continue
    buffers ??= emptyBuffers()
    setBufferCount(buffers, kind, op, value)
  }
  return buffers
}

const ioReadKeys = ['I/O Read Time', 'Shared I/O Read Time', 'Local I/O Read Time', 'Temp I/O Read Time']
const ioWriteKeys = ['I/O Write Time', 'Shared I/O Write Time', 'Local I/O Write Time', 'Temp I/O Write Time']

export function workerFrom(attributes: Record<string, unknown>): WorkerStats {
  return {
    workerNumber: num(attributes['Worker Number']) ?? 0,
    actualStartupMs: num(attributes['Actual Startup Time']),
    actualTotalMs: num(attributes['Actual Total Time']),
    actualRows: num(attributes['Actual Rows']),
    loops: num(attributes['Actual Loops']),
    attributes
  }
}

/** Incremental Sort prints its sort methods per group kind rather than one "Sort Method". */
function incrementalSortInfo(attributes: Record<string, unknown>): { method: string | null; type: string | null; usedKb: number | null } {
  const methods: string[] = []
  let diskKb: number | null = null
  let memoryKb: number | null = null
  for (const key of ['Full-sort Groups', 'Pre-sorted Groups']) {
    const group = attributes[key] as Record<string, unknown> | undefined
    if (!group || typeof group !== 'object') continue
    for (const method of strList(group['Sort Methods Used']) ?? []) if (!methods.includes(method)) methods.push(method)
    const disk = num((group['Sort Space Disk'] as Record<string, unknown> | undefined)?.['Peak Sort Space Used'])
    const memory = num((group['Sort Space Memory'] as Record<string, unknown> | undefined)?.['Peak Sort Space Used'])
    if (disk !== null) diskKb = Math.max(diskKb ?? 0, disk)
    if (memory !== null) memoryKb = Math.max(memoryKb ?? 0, memory)
  }
  // Any group on disk makes the sort a disk sort; its peak is the one that matters.
  return {
    method: methods.length ? methods.join(', ') : null,
    type: diskKb !== null ? 'Disk' : memoryKb !== null ? 'Memory' : null,
    usedKb: diskKb ?? memoryKb
  }
}

/** The keys the typed fields come from, each with its slot in a scratch array (see nodeFromAttributes). */
type Setter = (node: PlanNode, value: unknown) => void

// Each setter is its own function with a literal field name, so its store stays monomorphic.

/**
 * What each attribute key sets on a node. An object without prototype: one
 * keyed read per key the node has (about 20) instead of a read per key that
 * could be there (about 60).
 */
const setterOf: Record<string, Setter | undefined> = Object.assign(Object.create(null) as Record<string, Setter | undefined>, {
  'Node Type': (node, value) => (node.nodeType = str(value) ?? 'Unknown'),
  'Join Type': (node, value) => (node.joinType = str(value)),
  Strategy: (node, value) => (node.strategy = str(value)),
  'Partial Mode': (node, value) => (node.partialMode = str(value)),
  'Parallel Aware': (node, value) => (node.parallelAware = value === true),
  'Relation Name': (node, value) => (node.relation = str(value)),
  Schema: (node, value) => (node.schema = str(value)),
  Alias: (node, value) => (node.alias = str(value)),
  'Index Name': (node, value) => (node.indexName = str(value)),
  'Startup Cost': (node, value) => (node.startupCost = num(value)),
  'Total Cost': (node, value) => (node.totalCost = num(value)),
  'Plan Rows': (node, value) => (node.planRows = num(value)),
  'Plan Width': (node, value) => (node.planWidth = num(value)),
  'Actual Startup Time': (node, value) => (node.actualStartupMs = num(value)),
  'Actual Total Time': (node, value) => (node.actualTotalMs = num(value)),
  'Actual Rows': (node, value) => (node.actualRows = num(value)),
  'Actual Loops': (node, value) => (node.loops = num(value)),
  'Workers Planned': (node, value) => (node.workersPlanned = num(value)),
  'Workers Launched': (node, value) => (node.workersLaunched = num(value)),
  Filter: (node, value) => (node.filter = str(value)),
  'Index Cond': (node, value) => (node.indexCond = str(value)),
  'Recheck Cond': (node, value) => (node.recheckCond = str(value)),
  'Join Filter': (node, value) => (node.joinFilter = str(value)),
  'Hash Cond': (node, value) => (node.hashCond = str(value)),
  'Merge Cond': (node, value) => (node.mergeCond = str(value)),
  'Rows Removed by Filter': (node, value) => (node.rowsRemovedByFilter = num(value)),
  'Rows Removed by Join Filter': (node, value) => (node.rowsRemovedByJoinFilter = num(value)),
  'Rows Removed by Index Recheck': (node, value) => (node.rowsRemovedByIndexRecheck = num(value)),
  'Sort Key': (node, value) => (node.sortKey = strList(value)),
  'Sort Method': (node, value) => (node.sortMethod = str(value)),
  'Sort Space Type': (node, value) => (node.sortSpaceType = str(value)),
  'Sort Space Used': (node, value) => (node.sortSpaceUsedKb = num(value)),
  'Hash Buckets': (node, value) => (node.hashBuckets = num(value)),
  // "Hash Batches" wins over "HashAgg Batches" when both are printed.
  'Hash Batches': (node, value) => {
    const batches = num(value)
    if (batches !== null) node.hashBatches = batches
  },
  'HashAgg Batches': (node, value) => (node.hashBatches ??= num(value)),
  'Peak Memory Usage': (node, value) => (node.peakMemoryKb = num(value)),
  'Disk Usage': (node, value) => (node.diskUsageKb = num(value)),
  'Heap Fetches': (node, value) => (node.heapFetches = num(value)),
  'WAL Records': (node, value) => {
    const count = num(value)
    if (count !== null) (node.wal ??= { records: 0, fpi: 0, bytes: 0 }).records = count
  },
  'WAL FPI': (node, value) => {
    const count = num(value)
    if (count !== null) (node.wal ??= { records: 0, fpi: 0, bytes: 0 }).fpi = count
  },
  'WAL Bytes': (node, value) => {
    const count = num(value)
    if (count !== null) (node.wal ??= { records: 0, fpi: 0, bytes: 0 }).bytes = count
  },
  Output: (node, value) => (node.output = strList(value)),
  'Subplan Name': (node, value) => (node.subplanName = str(value)),
  'Parent Relationship': (node, value) => (node.parentRelationship = str(value)),
  'CTE Name': (node, value) => (node.cteName = str(value))
} satisfies Record<string, Setter>)
const addIoRead: Setter = (node, value) => {
  const ms = num(value)
  if (ms !== null) node.ioReadMs = (node.ioReadMs ?? 0) + ms
}
const addIoWrite: Setter = (node, value) => {
  const ms = num(value)
  if (ms !== null) node.ioWriteMs = (node.ioWriteMs ?? 0) + ms
}
for (const key of ioReadKeys) setterOf[key] = addIoRead
for (const key of ioWriteKeys) setterOf[key] = addIoWrite
// Buffer counters are few per node (usually shared hit and read): one shared setter is fine.
for (const [kind, op, key] of bufferKeys) {
  setterOf[key] = (node, value) => {
    const count = num(value)
    if (count !== null) setBufferCount((node.buffers ??= emptyBuffers()), kind, op, count)
  }
}

/**
 * A node from its attributes (JSON keys), its workers and its children.
 *
 * One pass over the keys the node has; every node is built with the same
 * fields in the same order, so the code that reads them sees one object shape.
 *
 * Counters that the text format leaves out when they are zero ("Rows Removed by
 * Filter: 0" is never printed) read as 0 wherever the JSON format would have
 * printed them, so both formats give the same typed fields.
 */
export function nodeFromAttributes(
  attributes: Record<string, unknown>,
  workers: WorkerStats[],
  children: PlanNode[],
  sourceLines?: [number, number]
): PlanNode {
  const node = emptyNode('Unknown', attributes, workers, children)
  for (const key in attributes) setterOf[key]?.(node, attributes[key])
  const analyzed = node.loops !== null
  node.neverExecuted = node.loops === 0
  if (analyzed) {
    if (node.rowsRemovedByFilter === null && node.filter !== null) node.rowsRemovedByFilter = 0
    if (node.rowsRemovedByJoinFilter === null && node.joinFilter !== null) node.rowsRemovedByJoinFilter = 0
    const recheckPrinted = node.recheckCond !== null || (node.indexCond !== null && (node.nodeType === 'Index Scan' || node.nodeType === 'Index Only Scan'))
    if (node.rowsRemovedByIndexRecheck === null && recheckPrinted) node.rowsRemovedByIndexRecheck = 0
  }
  if (node.nodeType === 'Incremental Sort' && node.sortMethod === null) {
    const info = incrementalSortInfo(attributes)
    node.sortMethod = info.method
    node.sortSpaceType = info.type
    node.sortSpaceUsedKb = info.usedKb
  }
  if (sourceLines) node.sourceLines = sourceLines
  return node
}

export function triggerFrom(attributes: Record<string, unknown>): TriggerTiming {
  return {
    name: str(attributes['Trigger Name']) ?? str(attributes['Constraint Name']) ?? '?',
    relation: str(attributes['Relation']),
    timeMs: num(attributes['Time']),
    calls: num(attributes['Calls'])
  }
}

export function jitFrom(value: unknown): JitSummary | null {
  if (!value || typeof value !== 'object') return null
  const jit = value as Record<string, unknown>
  const options: Record<string, boolean> = {}
  for (const [key, option] of Object.entries((jit['Options'] as Record<string, unknown>) ?? {})) options[key] = option === true
  const timingMs: Record<string, number> = {}
  for (const [key, timing] of Object.entries((jit['Timing'] as Record<string, unknown>) ?? {})) {
    // PostgreSQL 17 splits Generation into {Deform, Total}.
    const ms = typeof timing === 'object' && timing !== null ? num((timing as Record<string, unknown>)['Total']) : num(timing)
    if (ms !== null) timingMs[key] = ms
  }
  return { functions: num(jit['Functions']), options, timingMs }
}
