/**
 * Reads a big plan off the UI thread: parse, metrics, packing.
 *
 * The page stays responsive while a plan of tens of thousands of nodes is
 * read here; it gets the node count as soon as the plan is read (for its
 * "Reading plan…" note), then the plan and its metrics as a parcel of
 * strings and typed arrays (see plan-parcel.ts), which it unpacks a slice at
 * a time far faster than it could parse the plan, and last the nodes'
 * attributes, written while the page unpacks.
 */
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { packAttributes, packPlan, parcelBuffers, type PlanParcel } from '@shared/explain/transfer/plan-parcel'

export interface PlanParseRequest {
  id: number
  source: string
}

export type PlanParseReply =
  | { id: number; kind: 'counted'; nodes: number }
  | { id: number; kind: 'read'; parcel: PlanParcel }
  | { id: number; kind: 'attributes'; parts: string[] }
  | { id: number; kind: 'failed'; error: { message: string; line?: number } }

const scope = self as unknown as { onmessage: ((event: MessageEvent<PlanParseRequest>) => void) | null; postMessage(reply: PlanParseReply, transfer?: Transferable[]): void }

scope.onmessage = ({ data: { id, source } }) => {
  // Source lines (the raw view's) are found on the page when that view opens, as for a plan parsed there.
  const parsed = parsePlan(source, { sourceLines: 'lazy' })
  if (!parsed.ok) return scope.postMessage({ id, kind: 'failed', error: parsed.error })
  const nodes = planMetrics(parsed.plan)
  scope.postMessage({ id, kind: 'counted', nodes: nodes.length })
  const parcel = packPlan(parsed.plan, nodes)
  scope.postMessage({ id, kind: 'read', parcel }, parcelBuffers(parcel))
  // The attributes last: the page builds the nodes while they are written.
  scope.postMessage({ id, kind: 'attributes', parts: packAttributes(nodes) })
}
