/**
 * A parsed plan and its metrics packed to cross from the parsing worker to
 * the page, and unpacked there a slice at a time.
 *
 * Why not structured clone: cloning the model rebuilds every object of it on
 * the page in one task, which costs several times more than parsing (about
 * 1.5 s for a 100,000-node plan, against 0.5 s to parse it). Here the nodes
 * cross as JSON strings, a part of a few thousand nodes each, and the figures
 * that need the whole tree (exclusive time and buffers, parallel participants)
 * as typed arrays. Strings and typed arrays cross for the price of a copy; the
 * page then runs the native JSON.parse on one part at a time and derives the
 * typed fields again with the parser's own function, so the page is never
 * frozen for longer than a part takes, and the tree equals the one a parse on
 * the page would give.
 */
import type { ExplainPlan, PlanNode } from '../model/plan-model'
import { nodeFromAttributes, workerFrom } from '../model/plan-node-fields'
import { buffersOfCounters, counterCount, writeCounters } from '../analyse/buffer-counters'
import { flatNode, type FlatNode } from '../analyse/plan-metrics'

/** A node as it travels: attributes, workers' attributes, source lines (children come from `parents`). */
interface NodeOnTheWire {
  a: Record<string, unknown>
  w?: Array<Record<string, unknown>>
  l?: [number, number]
}

/** The figures of FlatNode that need the whole tree; NaN stands for null. */
const wholeTreeFigures = ['parallelParticipants', 'inclusiveMs', 'exclusiveMs', 'inclusivePercent', 'exclusivePercent'] as const

export interface PlanParcel {
  /** The plan without its nodes, as JSON (footer, settings, triggers: small). */
  head: string
  nodeCount: number
  /** Pre-order parent of each node; -1 for the root. */
  parents: Int32Array
  /** JSON arrays of NodeOnTheWire, `partSize` nodes each, in pre-order. */
  parts: string[]
  figures: Float64Array
  /** 12 buffer counters per node; `exclusiveBuffersShown` says which nodes have them. */
  exclusiveBuffers: Float64Array
  exclusiveBuffersShown: Uint8Array
}

/** Nodes per part: a part is one JSON.parse on the page, about 10 ms on a fast machine. */
export const partSize = 1000

/** The typed arrays of a parcel, handed over (transferred) rather than copied. */
export function parcelBuffers(parcel: PlanParcel): ArrayBuffer[] {
  return [parcel.parents.buffer, parcel.figures.buffer, parcel.exclusiveBuffers.buffer, parcel.exclusiveBuffersShown.buffer] as ArrayBuffer[]
}

export function packPlan(plan: ExplainPlan, nodes: readonly FlatNode[]): PlanParcel {
  const count = nodes.length
  const parents = new Int32Array(count)
  const figures = new Float64Array(count * wholeTreeFigures.length)
  const exclusiveBuffers = new Float64Array(count * counterCount)
  const exclusiveBuffersShown = new Uint8Array(count)
  const parts: string[] = []
  let part: NodeOnTheWire[] = []
  for (let id = 0; id < count; id++) {
    const flat = nodes[id]!
    const node = flat.node
    parents[id] = flat.parentId ?? -1
    for (let f = 0; f < wholeTreeFigures.length; f++) figures[id * wholeTreeFigures.length + f] = flat[wholeTreeFigures[f]!] ?? Number.NaN
    if (flat.exclusiveBuffers) {
      exclusiveBuffersShown[id] = 1
      writeCounters(exclusiveBuffers, id * counterCount, flat.exclusiveBuffers)
    }
    const wire: NodeOnTheWire = { a: node.attributes }
    if (node.workers.length) wire.w = node.workers.map((worker) => worker.attributes)
    if (node.sourceLines) wire.l = node.sourceLines
    part.push(wire)
    if (part.length === partSize || id === count - 1) {
      parts.push(JSON.stringify(part))
      part = []
    }
  }
  const { root: _root, ...head } = plan
  return { head: JSON.stringify(head), nodeCount: count, parents, parts, figures, exclusiveBuffers, exclusiveBuffersShown }
}

/**
 * Unpacks a parcel one part per step: each `next()` reads one part and
 * yields how many nodes are read so far; the return value is the plan and
 * its metrics, as planMetrics would give them.
 */
export function* unpackPlan(parcel: PlanParcel): Generator<number, { plan: ExplainPlan; nodes: FlatNode[] }> {
  const { parents, figures, exclusiveBuffers, exclusiveBuffersShown } = parcel
  const nodes: FlatNode[] = []
  const depths = new Int32Array(parcel.nodeCount)
  for (const part of parcel.parts) {
    for (const wire of JSON.parse(part) as NodeOnTheWire[]) {
      const id = nodes.length
      const parentId = parents[id]!
      const node: PlanNode = nodeFromAttributes(wire.a, wire.w ? wire.w.map(workerFrom) : [], [], wire.l)
      if (parentId >= 0) {
        nodes[parentId]!.node.children.push(node)
        depths[id] = depths[parentId]! + 1
      }
      const at = id * wholeTreeFigures.length
      const figure = (f: number) => (Number.isNaN(figures[at + f]!) ? null : figures[at + f]!)
      const flat = flatNode(id, parentId >= 0 ? parentId : null, depths[id]!, node, figure(0)!, figure(1))
      flat.exclusiveMs = figure(2)
      flat.inclusivePercent = figure(3)
      flat.exclusivePercent = figure(4)
      if (exclusiveBuffersShown[id]) flat.exclusiveBuffers = buffersOfCounters(exclusiveBuffers, id * counterCount)
      nodes.push(flat)
    }
    yield nodes.length
  }
  const head = JSON.parse(parcel.head) as Omit<ExplainPlan, 'root'>
  return { plan: { ...head, root: nodes[0]!.node }, nodes }
}
