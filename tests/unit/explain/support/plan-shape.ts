/**
 * The parts of a plan that two executions of the same query agree on.
 *
 * Timings and buffer counts change from run to run; the tree, its node types,
 * relations, estimates, row counts and loops do not. Used to compare the text
 * and JSON captures of one query.
 */
import type { ExplainPlan, PlanNode } from '../../../../shared/explain/plan-model'

export interface ShapeRow {
  depth: number
  nodeType: string
  joinType: string | null
  strategy: string | null
  partialMode: string | null
  parallelAware: boolean
  relation: string | null
  schema: string | null
  alias: string | null
  indexName: string | null
  planRows: number | null
  actualRows: number | null
  loops: number | null
  subplanName: string | null
  parentRelationship: string | null
}

export function planShape(plan: ExplainPlan): ShapeRow[] {
  const rows: ShapeRow[] = []
  const visit = (node: PlanNode, depth: number) => {
    rows.push({
      depth,
      nodeType: node.nodeType,
      joinType: node.joinType,
      strategy: node.strategy,
      partialMode: node.partialMode,
      parallelAware: node.parallelAware,
      relation: node.relation,
      schema: node.schema,
      alias: node.alias,
      indexName: node.indexName,
      planRows: node.planRows,
      actualRows: node.actualRows,
      loops: node.loops,
      subplanName: node.subplanName,
      parentRelationship: node.parentRelationship
    })
    for (const child of node.children) visit(child, depth + 1)
  }
  visit(plan.root, 0)
  return rows
}
