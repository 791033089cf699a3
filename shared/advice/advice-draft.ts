/** What a rule hands back before the plan-wide pass (dedupe, existing indexes, ids) makes it an AdviceItem. */
import type { FlatNode } from '../explain/analyse/plan-metrics'
import type { AdviceContext, AdviceKind, AdviceSeverity } from './advice-item'
import type { IndexShape } from './index-shape'

export interface AdviceDraft {
  kind: AdviceKind
  severity: AdviceSeverity
  nodeId: number
  schema: string | null
  table: string | null
  /** Index advice only. */
  shape: IndexShape | null
  /** Non-index advice: columns it names (statistics) and its statement. */
  columns: string[]
  statement: string | null
  evidence: string
  reason: string
  tentative: boolean
}

export interface RuleInput {
  nodes: FlatNode[]
  context: AdviceContext
  /** The root's total cost, for shares when nothing was timed. */
  rootCost: number | null
  /** The plan's work_mem (SETTINGS), when printed. */
  workMem: string | null
}

/** One level down in severity: a misestimate makes index advice tentative. */
export function softer(severity: AdviceSeverity): AdviceSeverity {
  return severity === 'high' ? 'medium' : 'low'
}
