/**
 * Source lines for a plan parsed with `sourceLines: 'lazy'`, filled in when a
 * view first needs them (the raw view's highlighting).
 *
 * The plan's nodes get their lines in place: reading the text again costs one
 * parse, once per plan, and only for the user who opens the raw view.
 */
import { parsePlan } from './parse-plan'
import { preorder, type ExplainPlan } from '../model/plan-model'

const filled = new WeakSet<ExplainPlan>()

/** Gives every node of `plan`, parsed from `source`, its `sourceLines` where the text has them. */
export function fillSourceLines(plan: ExplainPlan, source: string): void {
  if (filled.has(plan)) return
  filled.add(plan)
  const targets = preorder(plan.root)
  if (targets.every((node) => node.sourceLines !== undefined)) return
  const again = parsePlan(source)
  if (!again.ok) return
  const sources = preorder(again.plan.root)
  // The same text gives the same tree; anything else is not this plan's source.
  if (sources.length !== targets.length) return
  targets.forEach((node, i) => {
    const lines = sources[i]!.sourceLines
    if (lines && sources[i]!.nodeType === node.nodeType) node.sourceLines = lines
  })
}
