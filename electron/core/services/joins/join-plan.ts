/**
 * Which algorithm PostgreSQL chose for each join: EXPLAIN of the user's query
 * on the real tables (never executed), then the same with all but one join
 * method disabled (SET LOCAL, undone at each savepoint) for the costs to compare.
 */
import type pg from 'pg'
import type { JoinAnalysis } from '@shared/joins/join-analysis'
import type { JoinReplay } from '@shared/joins/join-model'
import { joinMethods, replayJoin, stageKey, type JoinMethod } from '@shared/joins/join-replay'
import { leavesOf } from '@shared/joins/join-sql'
import type { StageBuilder } from '@shared/joins/join-steps'

interface PlanNode {
  'Node Type': string
  'Total Cost'?: number
  Alias?: string
  Plans?: PlanNode[]
}

const methodSetting: Record<JoinMethod, string> = { 'Nested Loop': 'enable_nestloop', 'Hash Join': 'enable_hashjoin', 'Merge Join': 'enable_mergejoin' }

async function explain(client: pg.ClientBase, sql: string, only?: JoinMethod): Promise<PlanNode | undefined> {
  // Rolled back to the savepoint even when it worked: that is what undoes SET LOCAL.
  await client.query('savepoint tusk_plan')
  try {
    if (only) for (const m of joinMethods) if (m !== only) await client.query(`set local ${methodSetting[m]} = off`)
    const result = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${sql}`)
    return result.rows[0]!['QUERY PLAN'][0]!.Plan
  } catch {
    return undefined
  } finally {
    await client.query('rollback to savepoint tusk_plan')
    await client.query('release savepoint tusk_plan')
  }
}

function aliasesUnder(node: PlanNode): Set<string> {
  const found = new Set<string>()
  const walk = (n: PlanNode) => {
    if (n.Alias) found.add(n.Alias)
    n.Plans?.forEach(walk)
  }
  walk(node)
  return found
}

/** The lowest join node that has `left` aliases on one input and `right` aliases on the other. */
function planJoinFor(plan: PlanNode, left: string[], right: string[]): { method: JoinMethod; outer: 'left' | 'right' } | null {
  let best: { method: JoinMethod; outer: 'left' | 'right' } | null = null
  const walk = (n: PlanNode) => {
    n.Plans?.forEach(walk)
    const method = n['Node Type'] as JoinMethod
    if (best || !joinMethods.includes(method) || (n.Plans?.length ?? 0) < 2) return
    const [outer, inner] = [aliasesUnder(n.Plans![0]!), aliasesUnder(n.Plans![1]!)]
    const has = (set: Set<string>, names: string[]) => names.some((a) => set.has(a))
    if (has(outer, left) && has(inner, right)) best = { method, outer: 'left' }
    else if (has(outer, right) && has(inner, left)) best = { method, outer: 'right' }
  }
  walk(plan)
  return best
}

export async function replayJoins(client: pg.ClientBase, sql: string, analysis: JoinAnalysis, stages: StageBuilder): Promise<JoinReplay[]> {
  const text = sql.trim().replace(/;\s*$/, '')
  const plan = await explain(client, text)
  if (!plan) return []
  const costs: Partial<Record<JoinMethod, number>> = {}
  for (const m of joinMethods) {
    const alternative = await explain(client, text, m)
    if (alternative?.['Total Cost'] !== undefined) costs[m] = alternative['Total Cost']
  }
  const aliases = new Map(analysis.leaves.map((l) => [l.id, l.alias]))
  const keys = analysis.keys.map((k) => ({ left: { alias: aliases.get(k.left.leaf)!, column: k.left.column }, right: { alias: aliases.get(k.right.leaf)!, column: k.right.column } }))
  const replays: JoinReplay[] = []
  const sides = [
    ...analysis.joins.map((j) => ({ id: j.id, left: leavesOf(j.left), right: leavesOf(j.right) })),
    ...analysis.semis.map((s) => ({ id: s.id, left: analysis.fromLeaves, right: leavesOf(s.inner) }))
  ]
  for (const side of sides) {
    const stage = stages.stages.get(side.id)
    if (!stage) continue
    const found = planJoinFor(
      plan,
      side.left.map((l) => l.alias),
      side.right.map((l) => l.alias)
    )
    const key = stageKey(stage, keys)
    replays.push(replayJoin(stage, found?.method ?? 'Nested Loop', found?.outer ?? 'left', key, costs))
  }
  return replays
}
