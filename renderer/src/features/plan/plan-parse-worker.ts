/**
 * Parses a big pasted plan off the UI thread.
 *
 * The page stays responsive while a multi-megabyte plan is read: the worker
 * runs the same parser and metrics as the page would, and posts the plan and
 * its flat node list back in one message (so the nodes still point into the
 * plan's tree on the other side).
 */
import { parsePlan } from '../../../../shared/explain/parse-plan'
import { planMetrics, type FlatNode } from '../../../../shared/explain/plan-metrics'
import type { ExplainPlan } from '../../../../shared/explain/plan-model'

export interface PlanParseRequest {
  id: number
  source: string
}

export type PlanParseReply =
  | { id: number; ok: true; plan: ExplainPlan; nodes: FlatNode[] }
  | { id: number; ok: false; error: { message: string; line?: number } }

const scope = self as unknown as { onmessage: ((event: MessageEvent<PlanParseRequest>) => void) | null; postMessage(reply: PlanParseReply): void }

scope.onmessage = ({ data }) => {
  const parsed = parsePlan(data.source)
  scope.postMessage(parsed.ok ? { id: data.id, ok: true, plan: parsed.plan, nodes: planMetrics(parsed.plan) } : { id: data.id, ok: false, error: parsed.error })
}
