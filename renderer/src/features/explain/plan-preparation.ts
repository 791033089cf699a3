/**
 * What a plan's first render derives from its nodes, computed ahead one step
 * at a time, so a big plan read in the worker opens without one long freeze.
 *
 * At 100,000 nodes each step takes a few tens of milliseconds; all together,
 * inside the render that shows the plan, they froze the page for about half
 * a second. Each result is kept with the plan (plan-memo.ts), where the views'
 * own calls find it.
 */
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { autoCollapsed, childrenIndex, criticalPath, defaultColourScale, heats, hiddenSiblings } from './plan-emphasis'
import { hotPathOf, memoOnPlan } from './plan-memo'
import { planTreeShape } from './plan-tree-model'

/** The subtrees a plan opens with folded (the same Set each time for the same plan). */
export function openingFolds(nodes: FlatNode[]): Set<number> {
  return memoOnPlan(nodes, 'opening folds', () => autoCollapsed(nodes))
}

/** What the views will ask for as the plan opens: nothing expanded yet, the default colour scale. */
export function* preparePlanView(nodes: FlatNode[]): Generator<string, void> {
  childrenIndex(nodes)
  yield 'children'
  const collapsed = openingFolds(nodes)
  yield 'folds'
  const grouped = hiddenSiblings(nodes, new Set())
  yield 'groups'
  heats(nodes, defaultColourScale(nodes))
  yield 'heats'
  criticalPath(nodes)
  hotPathOf(nodes)
  yield 'paths'
  planTreeShape(nodes, collapsed, grouped)
  yield 'layout'
}
