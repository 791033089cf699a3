/**
 * Advice for a plan: every rule over the plan model, then one pass that drops
 * what an existing index already covers and what a longer suggestion on the
 * same table already includes, and numbers the rest.
 *
 * Cheap checks first: most nodes are ruled out by their type and counts before
 * any expression is parsed, so a 10,000-node plan costs a walk over its nodes.
 */
import type { ExplainPlan, PlanNode } from '../explain/model/plan-model'
import { planMetrics, type FlatNode } from '../explain/analyse/plan-metrics'
import { loadSqlParser } from '../sql/sql-parser'
import type { AdviceContext, AdviceItem } from './advice-item'
import type { AdviceDraft, RuleInput } from './advice-draft'
import { coveringIndex } from './existing-indexes'
import { createIndexStatement, indexName } from './index-shape'
import { indexScanFilterRule, joinDiscardRule, nestedLoopFilterRule, seqScanRule, topNRule } from './index-rules'
import { heapFetchRule, lossyBitmapRule, spillRule, statisticsRule } from './node-rules'

const severityOrder = { high: 0, medium: 1, low: 2 }

/** Advice for `plan` (its metrics are computed when not given). Loads the SQL parser first. */
export async function planAdvice(plan: ExplainPlan, context: AdviceContext = {}, nodes: FlatNode[] = planMetrics(plan)): Promise<AdviceItem[]> {
  await loadSqlParser()
  return planAdviceLoaded(plan, context, nodes)
}

/** planAdvice once the parser is loaded (loadSqlParser). */
export function planAdviceLoaded(plan: ExplainPlan, context: AdviceContext, nodes: FlatNode[]): AdviceItem[] {
  const input: RuleInput = { nodes, context, rootCost: plan.root.totalCost, workMem: plan.settings['work_mem'] ?? null }
  // Built on first use: most plans have no join or Limit that passes the cheap checks.
  let built: Map<number, FlatNode[]> | null = null
  const childrenMap = () => {
    if (built) return built
    built = new Map<number, FlatNode[]>()
    for (const f of nodes) if (f.parentId !== null) (built.get(f.parentId) ?? built.set(f.parentId, []).get(f.parentId)!).push(f)
    return built
  }
  const drafts: AdviceDraft[] = []
  const push = (d: AdviceDraft | null) => d && drafts.push(d)
  for (const f of nodes) {
    const n = f.node
    if (n.filter !== null) {
      push(seqScanRule(f, input))
      push(indexScanFilterRule(f, input))
    }
    if (n.nodeType === 'Limit') push(topNRule(f, input, childrenMap()))
    if ((n.nodeType.endsWith('Join') || n.nodeType === 'Nested Loop') && bigInput(n)) {
      drafts.push(...joinDiscardRule(f, input, childrenMap()))
      push(nestedLoopFilterRule(f, input, childrenMap()))
    }
    if (f.spilled) push(spillRule(f, input))
    if (n.nodeType === 'Bitmap Heap Scan') push(lossyBitmapRule(f, input))
    if (n.heapFetches) push(heapFetchRule(f, input))
    if (f.misestimate && f.misestimate.factor >= 10) push(statisticsRule(f, input))
  }
  return finish(drafts, context)
}

/** Rows a node put out over all its loops (estimated when not analysed). */
function rowsOut(n: PlanNode): number {
  return n.actualRows !== null && n.loops !== null ? n.actualRows * n.loops : (n.planRows ?? 0)
}

/**
 * The cheap test before the join rules look deeper: some child (or a Hash's
 * input below it) passed on at least 10 times the join's own rows, or was never analysed (plain EXPLAIN, where the
 * relation's size decides later). Nested-loop join filters count too.
 */
function bigInput(n: PlanNode): boolean {
  if (n.rowsRemovedByJoinFilter) return true
  const out = rowsOut(n)
  return n.children.some((c) => c.loops === null || (c.children.length > 0 && c.children.some((g) => g.loops === null)) || rowsOut(c) >= 10 * Math.max(1, out) || c.children.some((g) => rowsOut(g) >= 10 * Math.max(1, out)))
}

function keyOf(d: AdviceDraft): string {
  return d.shape ? d.shape.keys.map((k) => k.key).join(',') : d.columns.join(',')
}

/** Drop covered and included suggestions; one item per index; statements and ids. */
function finish(drafts: AdviceDraft[], context: AdviceContext): AdviceItem[] {
  const indexes = context.existingIndexes ?? []
  const kept = drafts.filter((d) => !d.shape || !d.table || coveringIndex(d.shape, d.schema, d.table, indexes) === null)
  const items: AdviceItem[] = []
  const seen = new Set<string>()
  for (const d of kept) {
    if (d.shape) {
      // A longer suggestion on the same table that starts with these columns serves this one too.
      const columns = keyOf(d)
      const longer = kept.some((o) => o !== d && o.shape && o.table === d.table && o.shape.method === d.shape!.method && keyOf(o).length > columns.length && keyOf(o).startsWith(`${columns},`))
      if (longer) continue
    }
    const statement = d.shape && d.table ? createIndexStatement(d.schema, d.table, d.shape) : d.statement
    const dedupe = `${d.kind}|${d.table}|${statement ?? d.reason}`
    if (seen.has(dedupe)) continue
    seen.add(dedupe)
    items.push({
      id: `${d.kind}:${d.nodeId}:${keyOf(d)}`,
      kind: d.kind,
      severity: d.severity,
      nodeId: d.nodeId,
      schema: d.schema,
      table: d.table,
      columns: d.shape ? d.shape.keys.map((k) => k.key) : d.columns,
      method: d.shape?.method ?? null,
      statement,
      indexName: d.shape && d.table ? indexName(d.table, d.shape) : null,
      plainStatement: d.shape && d.table ? createIndexStatement(d.schema, d.table, d.shape, false) : null,
      evidence: d.evidence,
      reason: d.reason,
      tentative: d.tentative,
      verification: null,
      verificationNote: null
    })
  }
  return items.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.nodeId - b.nodeId)
}
