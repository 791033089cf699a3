/**
 * Captured plans changed in one figure each, to show where a rule's threshold
 * lies: the weak band, a filter that keeps a third of the table, catalogs and
 * foreign tables, and a nested loop whose join filter does the discarding.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planAdvice } from '@shared/advice/plan-advice'

type Node = Record<string, unknown> & { Plans?: Node[] }

function capturedRoot(name: string): { doc: Array<{ Plan: Node }>; root: Node } {
  const doc = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'plans', 'advice', `${name}.json`), 'utf8')) as Array<{ Plan: Node }>
  return { doc, root: doc[0]!.Plan }
}

async function adviceOf(doc: unknown) {
  const parsed = parsePlan(JSON.stringify(doc))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return planAdvice(parsed.plan)
}

/** seq-eq-range's scan (300,000 rows) returning `kept` of them. */
function keeping(kept: number) {
  const { doc, root } = capturedRoot('seq-eq-range')
  Object.assign(root, { 'Actual Rows': kept, 'Plan Rows': kept, 'Rows Removed by Filter': 300_000 - kept })
  return { doc, root }
}

describe('thresholds on captured plans', () => {
  it('rates a filter that removes 85 % as a weak signal, and one that removes 67 % as silence', async () => {
    expect((await adviceOf(keeping(45_000).doc)).map((a) => a.severity)).toEqual(['medium'])
    expect(await adviceOf(keeping(100_000).doc)).toEqual([])
  })

  it('never advises on a catalog or a foreign table', async () => {
    const catalog = keeping(3)
    catalog.root['Schema'] = 'pg_catalog'
    expect(await adviceOf(catalog.doc)).toEqual([])
    const foreign = keeping(3)
    foreign.root['Node Type'] = 'Foreign Scan'
    expect(await adviceOf(foreign.doc)).toEqual([])
  })

  it('indexes the inner join key when a nested loop’s join filter throws away what its inner scan reads on every loop', async () => {
    const { doc, root } = capturedRoot('nested-loop-inner')
    const inner = root.Plans![1]!
    Object.assign(root, { 'Join Filter': inner['Filter'], 'Rows Removed by Join Filter': 2_399_976 })
    Object.assign(inner, { 'Actual Rows': 300_000, 'Rows Removed by Filter': undefined, Filter: undefined })
    const advice = await adviceOf(doc)
    expect(advice).toHaveLength(1)
    expect(advice[0]).toMatchObject({ kind: 'index', table: 'loans', columns: ['member_id'], nodeId: 2 })
  })
})
