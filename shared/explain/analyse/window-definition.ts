/**
 * What a WindowAgg computes over: PostgreSQL 17+ prints the definition
 * ("w1 AS (PARTITION BY customer_id ORDER BY id)"); older servers only print
 * the window functions in Output ("sum(amount) OVER (?)").
 */
import type { PlanNode } from '../model/plan-model'

export function windowDefinition(node: PlanNode): string | null {
  if (node.nodeType !== 'WindowAgg') return null
  const window = node.attributes['Window']
  if (typeof window === 'string' && window.trim()) return window.trim()
  if (Array.isArray(window) && window.length > 0) return window.map(String).join('; ')
  const over = node.output?.filter((o) => / OVER /i.test(o)) ?? []
  return over.length > 0 ? over.join(', ') : null
}
