/**
 * A parsed plan as one JSON string, to hand it from a worker to the page.
 *
 * Structured clone rebuilds every object of the model on the receiving side,
 * typed fields included, and that costs the page more than parsing the plan
 * would (about 1.4 s for a 30 MB text plan). A string crosses for the price of
 * a copy; the page then runs the native JSON.parse on the attributes alone and
 * derives the typed fields again, which is the fast part of parsing: what a
 * text plan saves is the line-by-line reading, done in the worker.
 */
import type { ExplainPlan, PlanNode } from '../model/plan-model'
import { nodeFromAttributes, workerFrom } from '../model/plan-node-fields'

/** A node as it travels: attributes, workers' attributes, children, source lines. */
interface NodeOnTheWire {
  a: Record<string, unknown>
  w?: Array<Record<string, unknown>>
  c?: NodeOnTheWire[]
  l?: [number, number]
}

type PlanOnTheWire = Omit<ExplainPlan, 'root'> & { root: NodeOnTheWire }

function toWire(node: PlanNode): NodeOnTheWire {
  const wire: NodeOnTheWire = { a: node.attributes }
  if (node.workers.length) wire.w = node.workers.map((worker) => worker.attributes)
  if (node.children.length) wire.c = node.children.map(toWire)
  if (node.sourceLines) wire.l = node.sourceLines
  return wire
}

function fromWire(wire: NodeOnTheWire): PlanNode {
  const workers = wire.w ? wire.w.map(workerFrom) : []
  const children = wire.c ? wire.c.map(fromWire) : []
  return nodeFromAttributes(wire.a, workers, children, wire.l)
}

export function planToTransfer(plan: ExplainPlan): string {
  return JSON.stringify({ ...plan, root: toWire(plan.root) } satisfies PlanOnTheWire)
}

export function planFromTransfer(text: string): ExplainPlan {
  const wire = JSON.parse(text) as PlanOnTheWire
  return { ...wire, root: fromWire(wire.root) }
}
