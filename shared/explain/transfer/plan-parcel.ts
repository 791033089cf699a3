/**
 * A parsed plan and its metrics packed to cross from the parsing worker to
 * the page, and unpacked there a slice at a time.
 *
 * Why not structured clone: cloning the model rebuilds every object of it on
 * the page in one task, which costs several times more than parsing (about
 * 1.5 s for a 100,000-node plan, against 0.5 s to parse it). Sending the
 * nodes as JSON is no better: the page pays JSON.parse again. So the typed
 * fields cross as columns (typed arrays, and one JSON list of the distinct
 * strings), the figures that need the whole tree (exclusive time and buffers,
 * parallel participants) too, and each node's attributes — every property
 * PostgreSQL printed, which only the details panel and a few card badges read
 * — as JSON parts of a few hundred nodes, a part parsed when one of its
 * nodes' attributes is first read. Typed arrays are handed
 * over, strings cross for the price of a copy, and the page builds the nodes
 * from the columns, a few thousand per step.
 */
import type { ExplainPlan, PlanNode, WalUsage } from '../model/plan-model'
import { workerFrom } from '../model/plan-node-fields'
import { buffersOfCounters, counterCount, writeCounters } from '../analyse/buffer-counters'
import { flatNode, type FlatNode } from '../analyse/plan-metrics'

/** PlanNode's fields by how they travel, in the order emptyNode sets them. */
const numberFields = [
  'startupCost', 'totalCost', 'planRows', 'planWidth', 'actualStartupMs', 'actualTotalMs', 'actualRows', 'loops',
  'workersPlanned', 'workersLaunched', 'rowsRemovedByFilter', 'rowsRemovedByIndexRecheck', 'rowsRemovedByJoinFilter',
  'sortSpaceUsedKb', 'hashBuckets', 'hashBatches', 'peakMemoryKb', 'diskUsageKb', 'heapFetches', 'ioReadMs', 'ioWriteMs'
] as const
const stringFields = [
  'nodeType', 'joinType', 'strategy', 'partialMode', 'relation', 'schema', 'alias', 'indexName', 'filter', 'indexCond',
  'recheckCond', 'joinFilter', 'hashCond', 'mergeCond', 'sortMethod', 'sortSpaceType', 'subplanName', 'parentRelationship', 'cteName'
] as const
const flagFields = ['parallelAware', 'neverExecuted'] as const
/** Rare or list-valued: one JSON list of the nodes that have any. */
const extraFields = ['workers', 'sortKey', 'output', 'wal', 'sourceLines'] as const
type Travelling = (typeof numberFields)[number] | (typeof stringFields)[number] | (typeof flagFields)[number] | (typeof extraFields)[number]
/** A field added to PlanNode without a way to travel is a compile error here. */
const everyFieldTravels: Exclude<keyof PlanNode, Travelling | 'attributes' | 'buffers' | 'children'> extends never ? true : never = true

/** The fields' values by name (a read per field by name: one object shape, no lookup by key). */
const numbersOf = (n: PlanNode) => [
  n.startupCost, n.totalCost, n.planRows, n.planWidth, n.actualStartupMs, n.actualTotalMs, n.actualRows, n.loops,
  n.workersPlanned, n.workersLaunched, n.rowsRemovedByFilter, n.rowsRemovedByIndexRecheck, n.rowsRemovedByJoinFilter,
  n.sortSpaceUsedKb, n.hashBuckets, n.hashBatches, n.peakMemoryKb, n.diskUsageKb, n.heapFetches, n.ioReadMs, n.ioWriteMs
] satisfies Array<PlanNode[(typeof numberFields)[number]]>
const stringsOf = (n: PlanNode) => [
  n.nodeType, n.joinType, n.strategy, n.partialMode, n.relation, n.schema, n.alias, n.indexName, n.filter, n.indexCond,
  n.recheckCond, n.joinFilter, n.hashCond, n.mergeCond, n.sortMethod, n.sortSpaceType, n.subplanName, n.parentRelationship, n.cteName
] satisfies Array<PlanNode[(typeof stringFields)[number]]>

/** The figures of FlatNode that need the whole tree; NaN stands for null. */
const wholeTreeFigures = ['parallelParticipants', 'inclusiveMs', 'exclusiveMs', 'inclusivePercent', 'exclusivePercent'] as const

type Extras = [id: number, workers: Array<Record<string, unknown>> | 0, sortKey: string[] | null, output: string[] | null, wal: WalUsage | null, sourceLines: [number, number] | 0]

export interface PlanParcel {
  /** The plan without its nodes, as JSON (footer, settings, triggers: small). */
  head: string
  nodeCount: number
  /** Pre-order parent of each node; -1 for the root. */
  parents: Int32Array
  /** numberFields per node; NaN stands for null. */
  numbers: Float64Array
  /** stringFields per node, as indexes into `texts` (a JSON list of distinct strings); -1 for null. */
  strings: Int32Array
  texts: string
  /** flagFields per node as bits. */
  flags: Uint8Array
  /** 12 buffer counters per node; `buffersShown` says which nodes printed any. */
  buffers: Float64Array
  buffersShown: Uint8Array
  /** JSON list of Extras. */
  extras: string
  /**
   * The nodes' attributes as JSON lists of `attributesPerPart` nodes, in pre-order: a part is parsed when one of
   * its nodes' is first read. Sent after the rest (packAttributes), so the page builds the nodes meanwhile: filled
   * in with addAttributes before the plan is shown.
   */
  attributes: string[]
  figures: Float64Array
  exclusiveBuffers: Float64Array
  exclusiveBuffersShown: Uint8Array
}

/** A part parses in about a millisecond: what the first read of a node's attributes costs. */
export const attributesPerPart = 256

/** Nodes the page builds per step: a few milliseconds each, so it can paint and answer between steps. */
export const nodesPerStep = 5000

/** The typed arrays of a parcel, handed over (transferred) rather than copied. */
export function parcelBuffers(parcel: PlanParcel): ArrayBuffer[] {
  const { parents, numbers, strings, flags, buffers, buffersShown, figures, exclusiveBuffers, exclusiveBuffersShown } = parcel
  return [parents, numbers, strings, flags, buffers, buffersShown, figures, exclusiveBuffers, exclusiveBuffersShown].map((array) => array.buffer as ArrayBuffer)
}

/** The nodes' attributes, in parts (see PlanParcel.attributes). */
export function packAttributes(nodes: readonly FlatNode[]): string[] {
  const parts: string[] = []
  for (let from = 0; from < nodes.length; from += attributesPerPart) {
    parts.push(JSON.stringify(nodes.slice(from, from + attributesPerPart).map((flat) => flat.node.attributes)))
  }
  return parts
}

/** Completes a parcel with its attributes; nodes unpacked from it before read them from then on. */
export function addAttributes(parcel: PlanParcel, parts: readonly string[]): void {
  parcel.attributes.push(...parts)
}

export function packPlan(plan: ExplainPlan, nodes: readonly FlatNode[]): PlanParcel {
  const count = nodes.length
  const parents = new Int32Array(count)
  const numbers = new Float64Array(count * numberFields.length)
  const strings = new Int32Array(count * stringFields.length)
  const flags = new Uint8Array(count)
  const buffers = new Float64Array(count * counterCount)
  const buffersShown = new Uint8Array(count)
  const figures = new Float64Array(count * wholeTreeFigures.length)
  const exclusiveBuffers = new Float64Array(count * counterCount)
  const exclusiveBuffersShown = new Uint8Array(count)
  const texts: string[] = []
  const textIndex = new Map<string, number>()
  const extras: Extras[] = []
  for (let id = 0; id < count; id++) {
    const flat = nodes[id]!
    const node = flat.node
    parents[id] = flat.parentId ?? -1
    const nodeNumbers = numbersOf(node)
    for (let f = 0; f < numberFields.length; f++) numbers[id * numberFields.length + f] = nodeNumbers[f] ?? Number.NaN
    const nodeStrings = stringsOf(node)
    for (let f = 0; f < stringFields.length; f++) {
      const text = nodeStrings[f]!
      let index = -1
      if (text !== null) {
        index = textIndex.get(text) ?? texts.length
        if (index === texts.length) textIndex.set(text, texts.push(text) - 1)
      }
      strings[id * stringFields.length + f] = index
    }
    flags[id] = (node.parallelAware ? 1 : 0) | (node.neverExecuted ? 2 : 0)
    if (node.buffers) {
      buffersShown[id] = 1
      writeCounters(buffers, id * counterCount, node.buffers)
    }
    if (node.workers.length || node.sortKey || node.output || node.wal || node.sourceLines) {
      extras.push([id, node.workers.length ? node.workers.map((worker) => worker.attributes) : 0, node.sortKey, node.output, node.wal, node.sourceLines ?? 0])
    }
    const g = id * wholeTreeFigures.length
    figures[g] = flat.parallelParticipants
    figures[g + 1] = flat.inclusiveMs ?? Number.NaN
    figures[g + 2] = flat.exclusiveMs ?? Number.NaN
    figures[g + 3] = flat.inclusivePercent ?? Number.NaN
    figures[g + 4] = flat.exclusivePercent ?? Number.NaN
    if (flat.exclusiveBuffers) {
      exclusiveBuffersShown[id] = 1
      writeCounters(exclusiveBuffers, id * counterCount, flat.exclusiveBuffers)
    }
  }
  const { root: _root, ...head } = plan
  return {
    head: JSON.stringify(head),
    nodeCount: count,
    parents,
    numbers,
    strings,
    texts: JSON.stringify(texts),
    flags,
    buffers,
    buffersShown,
    extras: JSON.stringify(extras),
    attributes: [],
    figures,
    exclusiveBuffers,
    exclusiveBuffersShown
  }
}

// A node built from the columns: the typed fields as own properties (set by name in emptyNode's order, so
// every node has one shape and stays a fast object), `attributes` parsed from the parcel's string when first read.
interface UnpackedNode extends Omit<PlanNode, 'attributes'> {}
class UnpackedNode {
  #parts: AttributeParts
  #id: number

  constructor(c: Columns, id: number, extra: Extras | null, parts: AttributeParts) {
    const s = id * stringFields.length
    const n = id * numberFields.length
    // Plain calls, no closure per node: a 100,000-node plan builds them all.
    this.nodeType = textAt(c, s + 0)!
    this.joinType = textAt(c, s + 1)
    this.strategy = textAt(c, s + 2)
    this.partialMode = textAt(c, s + 3)
    this.parallelAware = (c.flags[id]! & 1) !== 0
    this.relation = textAt(c, s + 4)
    this.schema = textAt(c, s + 5)
    this.alias = textAt(c, s + 6)
    this.indexName = textAt(c, s + 7)
    this.startupCost = orNull(c.numbers, n + 0)
    this.totalCost = orNull(c.numbers, n + 1)
    this.planRows = orNull(c.numbers, n + 2)
    this.planWidth = orNull(c.numbers, n + 3)
    this.actualStartupMs = orNull(c.numbers, n + 4)
    this.actualTotalMs = orNull(c.numbers, n + 5)
    this.actualRows = orNull(c.numbers, n + 6)
    this.loops = orNull(c.numbers, n + 7)
    this.neverExecuted = (c.flags[id]! & 2) !== 0
    this.workersPlanned = orNull(c.numbers, n + 8)
    this.workersLaunched = orNull(c.numbers, n + 9)
    this.workers = extra && extra[1] !== 0 ? extra[1].map(workerFrom) : []
    this.filter = textAt(c, s + 8)
    this.indexCond = textAt(c, s + 9)
    this.recheckCond = textAt(c, s + 10)
    this.joinFilter = textAt(c, s + 11)
    this.hashCond = textAt(c, s + 12)
    this.mergeCond = textAt(c, s + 13)
    this.rowsRemovedByFilter = orNull(c.numbers, n + 10)
    this.rowsRemovedByIndexRecheck = orNull(c.numbers, n + 11)
    this.rowsRemovedByJoinFilter = orNull(c.numbers, n + 12)
    this.sortKey = extra?.[2] ?? null
    this.sortMethod = textAt(c, s + 14)
    this.sortSpaceType = textAt(c, s + 15)
    this.sortSpaceUsedKb = orNull(c.numbers, n + 13)
    this.hashBuckets = orNull(c.numbers, n + 14)
    this.hashBatches = orNull(c.numbers, n + 15)
    this.peakMemoryKb = orNull(c.numbers, n + 16)
    this.diskUsageKb = orNull(c.numbers, n + 17)
    this.heapFetches = orNull(c.numbers, n + 18)
    this.buffers = c.buffersShown[id] ? buffersOfCounters(c.buffers, id * counterCount) : null
    this.ioReadMs = orNull(c.numbers, n + 19)
    this.ioWriteMs = orNull(c.numbers, n + 20)
    this.wal = extra?.[4] ?? null
    this.output = extra?.[3] ?? null
    this.subplanName = textAt(c, s + 16)
    this.parentRelationship = textAt(c, s + 17)
    this.cteName = textAt(c, s + 18)
    this.children = []
    if (extra && extra[5] !== 0) this.sourceLines = extra[5]
    this.#parts = parts
    this.#id = id
  }

  get attributes(): Record<string, unknown> {
    return this.#parts.of(this.#id)
  }
}

/** The parcel's attribute parts, each parsed when one of its nodes' attributes is first read. */
class AttributeParts {
  readonly #texts: string[]
  readonly #parsed: Array<Array<Record<string, unknown>> | undefined>

  constructor(texts: string[]) {
    this.#texts = texts
    this.#parsed = new Array<undefined>(texts.length)
  }

  of(id: number): Record<string, unknown> {
    const at = Math.floor(id / attributesPerPart)
    const part = (this.#parsed[at] ??= JSON.parse(this.#texts[at]!) as Array<Record<string, unknown>>)
    return part[id - at * attributesPerPart]!
  }
}

/** NaN stands for null in the columns. */
function orNull(column: Float64Array, at: number): number | null {
  const value = column[at]!
  return value !== value ? null : value
}

function textAt(c: Columns, at: number): string | null {
  const index = c.strings[at]!
  return index < 0 ? null : c.texts[index]!
}

/** What a node is built from: the parcel's columns, its strings parsed. */
type Columns = Pick<PlanParcel, 'numbers' | 'strings' | 'flags' | 'buffers' | 'buffersShown'> & { texts: string[] }

/**
 * Unpacks a parcel `nodesPerStep` nodes per step: each `next()` builds that
 * many and yields how many are built so far; the return value is the plan
 * and its metrics, as parsing and planMetrics would give them.
 */
export function* unpackPlan(parcel: PlanParcel): Generator<number, { plan: ExplainPlan; nodes: FlatNode[] }> {
  const { nodeCount: count, parents, figures, exclusiveBuffers, exclusiveBuffersShown } = parcel
  const attributes = new AttributeParts(parcel.attributes)
  const columns: Columns = { ...parcel, texts: JSON.parse(parcel.texts) as string[] }
  const extras = JSON.parse(parcel.extras) as Extras[]
  const nodes: FlatNode[] = []
  let extra = 0
  for (let id = 0; id < count; id++) {
    if (id > 0 && id % nodesPerStep === 0) yield id
    const extraOf = extras[extra]?.[0] === id ? extras[extra++]! : null
    const node: PlanNode = new UnpackedNode(columns, id, extraOf, attributes)
    const parentId = parents[id]!
    if (parentId >= 0) nodes[parentId]!.node.children.push(node)
    const g = id * wholeTreeFigures.length
    const flat = flatNode(id, parentId >= 0 ? parentId : null, parentId >= 0 ? nodes[parentId]!.depth + 1 : 0, node, figures[g]!, orNull(figures, g + 1))
    flat.exclusiveMs = orNull(figures, g + 2)
    flat.inclusivePercent = orNull(figures, g + 3)
    flat.exclusivePercent = orNull(figures, g + 4)
    if (exclusiveBuffersShown[id]) flat.exclusiveBuffers = buffersOfCounters(exclusiveBuffers, id * counterCount)
    nodes.push(flat)
  }
  const head = JSON.parse(parcel.head) as Omit<ExplainPlan, 'root'>
  return { plan: { ...head, root: nodes[0]!.node }, nodes }
}

