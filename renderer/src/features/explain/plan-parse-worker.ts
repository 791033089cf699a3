/**
 * Parses a big text plan off the UI thread.
 *
 * The page stays responsive while a multi-megabyte text plan is read line by
 * line here; the plan goes back as one JSON string (see plan-transfer.ts),
 * which the page turns into the model far faster than it could parse the text.
 */
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planToTransfer } from '@shared/explain/read/plan-transfer'

export interface PlanParseRequest {
  id: number
  source: string
}

export type PlanParseReply = { id: number; ok: true; plan: string } | { id: number; ok: false; error: { message: string; line?: number } }

const scope = self as unknown as { onmessage: ((event: MessageEvent<PlanParseRequest>) => void) | null; postMessage(reply: PlanParseReply): void }

scope.onmessage = ({ data }) => {
  const parsed = parsePlan(data.source)
  scope.postMessage(parsed.ok ? { id: data.id, ok: true, plan: planToTransfer(parsed.plan) } : { id: data.id, ok: false, error: parsed.error })
}
