/**
 * The plan tree as drawn: which cards are visible and where (the shape), and
 * what each card shows (the emphasis). One computation for the tree on screen
 * and for the exports; the screen keeps the shape between renders, so a new
 * selection or colour scale does not lay the tree out again.
 */
import { useMemo } from 'react'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { exclusiveCosts, hasTiming } from '@shared/explain/analyse/hottest-node'
import { childrenIndex, visibleNodes } from './plan-emphasis'
import { memoOnPlan } from './plan-memo'
import type { TreeEmphasis } from './plan-tree-drawing'
import { foldedCounts, layoutPlanTree, type PlanTreeLayout } from './plan-tree-layout'

export interface PlanTreeProps {
  nodes: FlatNode[]
  selectedId: number | null
  heat: number[]
  critical: ReadonlySet<number>
  collapsed: ReadonlySet<number>
  grouped: ReadonlyMap<number, number[]>
  /** Presenter mode's step reveal: the nodes shown so far (the others are outlines); null or absent shows all. */
  revealed?: ReadonlySet<number> | null
}

export interface PlanTreeShape {
  layout: PlanTreeLayout
  childrenOf: Map<number, number[]>
  foldedBelow: ReadonlyMap<number, number>
  costs: TreeEmphasis['costs']
}

export interface PlanTreeModel extends PlanTreeShape {
  emphasis: TreeEmphasis
}

/** The shape for these folds; the last one laid out for a plan is kept (plan-preparation.ts lays out a big plan's first ahead). */
export function planTreeShape(nodes: FlatNode[], collapsed: ReadonlySet<number>, grouped: ReadonlyMap<number, number[]>): PlanTreeShape {
  const last = memoOnPlan(nodes, 'tree shape', () => ({ collapsed, grouped, shape: shapeOf(nodes, collapsed, grouped) }))
  if (last.collapsed !== collapsed || last.grouped !== grouped) Object.assign(last, { collapsed, grouped, shape: shapeOf(nodes, collapsed, grouped) })
  return last.shape
}

function shapeOf(nodes: FlatNode[], collapsed: ReadonlySet<number>, grouped: ReadonlyMap<number, number[]>): PlanTreeShape {
  const layout = layoutPlanTree(visibleNodes(nodes, collapsed, grouped))
  const childrenOf = childrenIndex(nodes)
  // A plan that did not run shows own cost on its cards instead of own time.
  const costs = nodes.length > 0 && !hasTiming(nodes) ? { own: exclusiveCosts(nodes), total: nodes[0]!.node.totalCost ?? 0 } : null
  return { layout, childrenOf, foldedBelow: foldedCounts(collapsed, childrenOf), costs }
}

/** The laid-out tree and what its cards show; `shape` when it is already known. */
export function planTreeModel(tree: PlanTreeProps, shape = planTreeShape(tree.nodes, tree.collapsed, tree.grouped)): PlanTreeModel {
  const { selectedId, heat, critical, grouped, revealed = null } = tree
  return { ...shape, emphasis: { selectedId, heat, critical, foldedBelow: shape.foldedBelow, grouped, maxRows: shape.layout.maxRows, costs: shape.costs, revealed } }
}

/** `planTreeModel` for a component: the shape is laid out again only when the plan or its folds change. */
export function usePlanTreeModel(tree: PlanTreeProps): PlanTreeModel {
  const { nodes, collapsed, grouped } = tree
  const shape = useMemo(() => planTreeShape(nodes, collapsed, grouped), [nodes, collapsed, grouped])
  return planTreeModel(tree, shape)
}
