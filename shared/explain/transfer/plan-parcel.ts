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
 * — as a slice of one string, parsed when first read. Typed arrays are handed
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
  /** Each node's attributes as JSON, one after the other; node i's run from attributeEnds[i - 1] (0 for the root) to attributeEnds[i]. */
  attributes: string
  attributeEnds: Int32Array
  figures: Float64Array
  exclusiveBuffers: Float64Array
  exclusiveBuffersShown: Uint8Array
}

/** Nodes the page builds per step: a few milliseconds each, so it can paint and answer between steps. */
export const nodesPerStep = 5000

/** The typed arrays of a parcel, handed over (transferred) rather than copied. */
export function parcelBuffers(parcel: PlanParcel): ArrayBuffer[] {
  const { parents, numbers, strings, flags, buffers, buffersShown, attributeEnds, figures, exclusiveBuffers, exclusiveBuffersShown } = parcel
  return [parents, numbers, strings, flags, buffers, buffersShown, attributeEnds, figures, exclusiveBuffers, exclusiveBuffersShown].map((array) => array.buffer as ArrayBuffer)
}

export function packPlan(plan: ExplainPlan, nodes: readonly FlatNode[]): PlanParcel {
  const count = nodes.length
  const parents = new Int32Array(count)
  const numbers = new Float64Array(count * numberFields.length)
  const strings = new Int32Array(count * stringFields.length)
  const flags = new Uint8Array(count)
  const buffers = new Float64Array(count * counterCount)
  const buffersShown = new Uint8Array(count)
  const attributeEnds = new Int32Array(count)
  const figures = new Float64Array(count * wholeTreeFigures.length)
  const exclusiveBuffers = new Float64Array(count * counterCount)
  const exclusiveBuffersShown = new Uint8Array(count)
  const texts: string[] = []
  const textIndex = new Map<string, number>()
  const extras: Extras[] = []
  const attributes: string[] = []
  let attributesLength = 0
  for (let id = 0; id < count; id++) {
    const flat = nodes[id]!
    const node = flat.node
    parents[id] = flat.parentId ?? -1
    for (let f = 0; f < numberFields.length; f++) numbers[id * numberFields.length + f] = node[numberFields[f]!] ?? Number.NaN
    for (let f = 0; f < stringFields.length; f++) {
      const text = node[stringFields[f]!]
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
    const json = JSON.stringify(node.attributes)
    attributes.push(json)
    attributesLength += json.length
    attributeEnds[id] = attributesLength
    for (let f = 0; f < wholeTreeFigures.length; f++) figures[id * wholeTreeFigures.length + f] = flat[wholeTreeFigures[f]!] ?? Number.NaN
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
    attributes: attributes.join(''),
    attributeEnds,
    figures,
    exclusiveBuffers,
    exclusiveBuffersShown
  }
}

/** Where an unpacked node's attributes are until first read. */
const packedText = Symbol('packed attributes')
const packedFrom = Symbol('packed from')
const packedTo = Symbol('packed to')
const readAttributes = Symbol('attributes')

interface PackedNode {
  [packedText]: string
  [packedFrom]: number
  [packedTo]: number
  [readAttributes]: Record<string, unknown> | undefined
}

/** What every unpacked node inherits: `attributes`, parsed from the parcel's string when first read. */
const unpackedNodePrototype = Object.create(Object.prototype, {
  attributes: {
    enumerable: true,
    get(this: PackedNode) {
      return (this[readAttributes] ??= JSON.parse(this[packedText].slice(this[packedFrom], this[packedTo])) as Record<string, unknown>)
    }
  }
}) as object

/**
 * Unpacks a parcel `nodesPerStep` nodes per step: each `next()` builds that
 * many and yields how many are built so far; the return value is the plan
 * and its metrics, as parsing and planMetrics would give them.
 */
export function* unpackPlan(parcel: PlanParcel): Generator<number, { plan: ExplainPlan; nodes: FlatNode[] }> {
  const { nodeCount: count, parents, numbers, strings, flags, buffers, buffersShown, attributes, attributeEnds, figures, exclusiveBuffers, exclusiveBuffersShown } = parcel
  const texts = JSON.parse(parcel.texts) as string[]
  const extras = JSON.parse(parcel.extras) as Extras[]
  const nodes: FlatNode[] = []
  let extra = 0
  for (let id = 0; id < count; id++) {
    if (id > 0 && id % nodesPerStep === 0) yield id
    const node = Object.create(unpackedNodePrototype) as PlanNode & PackedNode
    // The fields set in loops below, by name.
    const fields = node as unknown as Record<string, unknown>
    const extraOf = extras[extra]?.[0] === id ? extras[extra++]! : null
    // The fields in emptyNode's order, so every node has one shape.
    const at = id * stringFields.length
    node.nodeType = texts[strings[at]!]!
    for (let f = 1; f < 4; f++) fields[stringFields[f]!] = strings[at + f]! < 0 ? null : texts[strings[at + f]!]!
    node.parallelAware = (flags[id]! & 1) !== 0
    for (let f = 4; f < 8; f++) fields[stringFields[f]!] = strings[at + f]! < 0 ? null : texts[strings[at + f]!]!
    const n = id * numberFields.length
    const number = (f: number) => (Number.isNaN(numbers[n + f]!) ? null : numbers[n + f]!)
    for (let f = 0; f < 8; f++) fields[numberFields[f]!] = number(f)
    node.neverExecuted = (flags[id]! & 2) !== 0
    node.workersPlanned = number(8)
    node.workersLaunched = number(9)
    node.workers = extraOf && extraOf[1] !== 0 ? extraOf[1].map(workerFrom) : []
    for (let f = 8; f < 14; f++) fields[stringFields[f]!] = strings[at + f]! < 0 ? null : texts[strings[at + f]!]!
    for (let f = 10; f < 13; f++) fields[numberFields[f]!] = number(f)
    node.sortKey = extraOf?.[2] ?? null
    for (let f = 14; f < 16; f++) fields[stringFields[f]!] = strings[at + f]! < 0 ? null : texts[strings[at + f]!]!
    for (let f = 13; f < 19; f++) fields[numberFields[f]!] = number(f)
    node.buffers = buffersShown[id] ? buffersOfCounters(buffers, id * counterCount) : null
    node.ioReadMs = number(19)
    node.ioWriteMs = number(20)
    node.wal = extraOf?.[4] ?? null
    node.output = extraOf?.[3] ?? null
    for (let f = 16; f < 19; f++) fields[stringFields[f]!] = strings[at + f]! < 0 ? null : texts[strings[at + f]!]!
    node.children = []
    if (extraOf && extraOf[5] !== 0) node.sourceLines = extraOf[5]
    node[packedText] = attributes
    node[packedFrom] = id === 0 ? 0 : attributeEnds[id - 1]!
    node[packedTo] = attributeEnds[id]!
    node[readAttributes] = undefined

    const parentId = parents[id]!
    if (parentId >= 0) nodes[parentId]!.node.children.push(node)
    const g = id * wholeTreeFigures.length
    const figure = (f: number) => (Number.isNaN(figures[g + f]!) ? null : figures[g + f]!)
    const flat = flatNode(id, parentId >= 0 ? parentId : null, parentId >= 0 ? nodes[parentId]!.depth + 1 : 0, node, figure(0)!, figure(1))
    flat.exclusiveMs = figure(2)
    flat.inclusivePercent = figure(3)
    flat.exclusivePercent = figure(4)
    if (exclusiveBuffersShown[id]) flat.exclusiveBuffers = buffersOfCounters(exclusiveBuffers, id * counterCount)
    nodes.push(flat)
  }
  const head = JSON.parse(parcel.head) as Omit<ExplainPlan, 'root'>
  return { plan: { ...head, root: nodes[0]!.node }, nodes }
}

void everyFieldTravels
