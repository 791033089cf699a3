/**
 * Before/after plan pairs captured from the PostgreSQL 18 test server, for the
 * plan comparison's unit tests (tests/fixtures/plans/compare/pg18-<pair>.before|after.json).
 * Written when missing or when TUSK_CAPTURE_PLANS=1; here they must show the
 * change each pair is about.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { comparePlans, planSide, type PlanComparison } from '@shared/explain/analyse/plan-compare'
import { comparePairs } from './compare-cases'
import { explain, prepare, type Server } from './plan-database'

const fixtureDir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'plans', 'compare')
const rewrite = process.env.TUSK_CAPTURE_PLANS === '1'

function compared(before: string, after: string): PlanComparison {
  const side = (text: string) => {
    const result = parsePlan(text)
    if (!result.ok) throw new Error(result.error.message)
    return planSide(result.plan, planMetrics(result.plan))
  }
  return comparePlans(side(before), side(after))
}

let server: Server | null = null
afterAll(async () => {
  await server?.client.end()
})

describe('before/after plans captured from a real server', () => {
  it('show the change each pair is about', async () => {
    const url = inject('databaseUrl')
    server = await prepare((db) => {
      const target = new URL(url)
      target.pathname = `/${db}`
      return new pg.Client(target.toString())
    }, 'tusk_compare_plans')
    mkdirSync(fixtureDir, { recursive: true })
    const results = new Map<string, PlanComparison>()
    for (const pair of comparePairs) {
      const before = await explain(server.client, pair.before, 'json')
      const after = await explain(server.client, pair.after, 'json')
      const base = path.join(fixtureDir, `pg${server.major}-${pair.name}`)
      if (rewrite || !existsSync(`${base}.before.json`) || !existsSync(`${base}.after.json`)) {
        writeFileSync(`${base}.before.json`, before + '\n')
        writeFileSync(`${base}.after.json`, after + '\n')
      }
      results.set(pair.name, compared(before, after))
    }
    const changes = (name: string) => results.get(name)!.rows.flatMap((row) => row.changes)
    expect(changes('index-lookup')).toContain('Seq Scan → Bitmap Heap Scan')
    expect(changes('work-mem')).toContain('no longer spills')
    expect(results.get('join-strategy')!.counts.changed).toBeGreaterThan(0)
  }, 120_000)
})
