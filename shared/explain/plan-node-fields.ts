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
  type BufferCounts,
  type JitSummary,
  type NodeBuffers,
  type PlanNode,
  type TriggerTiming,
  type WalUsage,
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
    buffers[kind][op] = value
  }
  return buffers
}

const ioReadKeys = ['I/O Read Time', 'Shared I/O Read Time', 'Local I/O Read Time', 'Temp I/O Read Time']
const ioWriteKeys = ['I/O Write Time', 'Shared I/O Write Time', 'Local I/O Write Time', 'Temp I/O Write Time']

function sumOf(attributes: Record<string, unknown>, keys: string[]): number | null {
  let total: number | null = null
  for (const key of keys) {
    const value = num(attributes[key])
    if (value !== null) total = (total ?? 0) + value
  }
  return total
}

function walFrom(attributes: Record<string, unknown>): WalUsage | null {
  const records = num(attributes['WAL Records'])
  const fpi = num(attributes['WAL FPI'])
  const bytes = num(attributes['WAL Bytes'])
  if (records === null && fpi === null && bytes === null) return null
  return { records: records ?? 0, fpi: fpi ?? 0, bytes: bytes ?? 0 }
}

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

/**
 * A node from its attributes (JSON keys), its workers and its children.
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
  const nodeType = str(attributes['Node Type']) ?? 'Unknown'
  const node = emptyNode(nodeType, attributes)
  node.joinType = str(attributes['Join Type'])
  node.strategy = str(attributes['Strategy'])
  node.partialMode = str(attributes['Partial Mode'])
  node.parallelAware = attributes['Parallel Aware'] === true
  node.relation = str(attributes['Relation Name'])
  node.schema = str(attributes['Schema'])
  node.alias = str(attributes['Alias'])
  node.indexName = str(attributes['Index Name'])
  node.startupCost = num(attributes['Startup Cost'])
  node.totalCost = num(attributes['Total Cost'])
  node.planRows = num(attributes['Plan Rows'])
  node.planWidth = num(attributes['Plan Width'])
  node.actualStartupMs = num(attributes['Actual Startup Time'])
  node.actualTotalMs = num(attributes['Actual Total Time'])
  node.actualRows = num(attributes['Actual Rows'])
  node.loops = num(attributes['Actual Loops'])
  node.neverExecuted = node.loops === 0
  node.workersPlanned = num(attributes['Workers Planned'])
  node.workersLaunched = num(attributes['Workers Launched'])
  node.workers = workers
  node.filter = str(attributes['Filter'])
  node.indexCond = str(attributes['Index Cond'])
  node.recheckCond = str(attributes['Recheck Cond'])
  node.joinFilter = str(attributes['Join Filter'])
  node.hashCond = str(attributes['Hash Cond'])
  node.mergeCond = str(attributes['Merge Cond'])
  const analyzed = node.loops !== null
  node.rowsRemovedByFilter = num(attributes['Rows Removed by Filter']) ?? (analyzed && node.filter !== null ? 0 : null)
  node.rowsRemovedByJoinFilter = num(attributes['Rows Removed by Join Filter']) ?? (analyzed && node.joinFilter !== null ? 0 : null)
  const recheckPrinted = node.recheckCond !== null || (node.indexCond !== null && (nodeType === 'Index Scan' || nodeType === 'Index Only Scan'))
  node.rowsRemovedByIndexRecheck = num(attributes['Rows Removed by Index Recheck']) ?? (analyzed && recheckPrinted ? 0 : null)
  node.sortKey = strList(attributes['Sort Key'])
  node.sortMethod = str(attributes['Sort Method'])
  node.sortSpaceType = str(attributes['Sort Space Type'])
  node.sortSpaceUsedKb = num(attributes['Sort Space Used'])
  if (nodeType === 'Incremental Sort' && node.sortMethod === null) {
    const info = incrementalSortInfo(attributes)
    node.sortMethod = info.method
    node.sortSpaceType = info.type
    node.sortSpaceUsedKb = info.usedKb
  }
  node.hashBuckets = num(attributes['Hash Buckets'])
  node.hashBatches = num(attributes['Hash Batches']) ?? num(attributes['HashAgg Batches'])
  node.peakMemoryKb = num(attributes['Peak Memory Usage'])
  node.diskUsageKb = num(attributes['Disk Usage'])
  node.heapFetches = num(attributes['Heap Fetches'])
  node.buffers = buffersFrom(attributes)
  node.ioReadMs = sumOf(attributes, ioReadKeys)
  node.ioWriteMs = sumOf(attributes, ioWriteKeys)
  node.wal = walFrom(attributes)
  node.output = strList(attributes['Output'])
  node.subplanName = str(attributes['Subplan Name'])
  node.parentRelationship = str(attributes['Parent Relationship'])
  node.cteName = str(attributes['CTE Name'])
  node.children = children
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
