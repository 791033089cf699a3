/**
 * The parts of a plan that two executions of the same query agree on.
 *
 * Timings and buffer counts change from run to run; the tree, its node types,
 * relations, estimates, row counts and loops do not. Used to compare the text
 * and JSON captures of one query.
 */
import type { ExplainPlan, PlanNode } from '@shared/explain/model/plan-model'

const shapeFields = [
  'nodeType', 'joinType', 'strategy', 'partialMode', 'parallelAware', 'relation', 'schema', 'alias', 'indexName',
  'planRows', 'actualRows', 'loops', 'subplanName', 'parentRelationship'
] as const satisfies ReadonlyArray<keyof PlanNode>

export type ShapeRow = { depth: number } & Pick<PlanNode, (typeof shapeFields)[number]>

export function planShape(plan: ExplainPlan): ShapeRow[] {
  const rows: ShapeRow[] = []
  const visit = (node: PlanNode, depth: number) => {
    const row = { depth } as ShapeRow
    for (const field of shapeFields) (row as Record<string, unknown>)[field] = node[field]
    rows.push(row)
    for (const child of node.children) visit(child, depth + 1)
  }
  visit(plan.root, 0)
  return rows
}
