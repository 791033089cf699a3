/**
 * Plans captured from real servers: the text and JSON formats of the same
 * query give equal trees.
 *
 * Runs every case of plan-cases.ts on the three servers of the integration
 * global setup: the shared PostgreSQL 18, Debian's PostgreSQL 15 and
 * PostgreSQL 14 from npm (each skipped, with the reason, when absent). Fixture
 * files (tests/fixtures/plans/pg<major>-<case>.json|.txt) are written when
 * missing or when TUSK_CAPTURE_PLANS=1, and kept in the repo so the unit tests
 * run without a server. Two executions never have equal timings, and a
 * parallel plan may launch fewer workers once, so a case whose two captures
 * disagree on shape is captured again before it counts as a failure.
 */
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { planShape } from '../../unit/explain/support/plan-shape'
import { planCases } from './plan-cases'
import { explain, prepare, type Server } from './plan-database'

const fixtureDir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'plans')
const rewrite = process.env.TUSK_CAPTURE_PLANS === '1'

function parsed(text: string, label: string): ExplainPlan {
  const result = parsePlan(text)
  if (!result.ok) throw new Error(`${label}: ${result.error.message} (line ${result.error.line ?? '?'})`)
  return result.plan
}

function sameShape(json: string, text: string): boolean {
  const a = parsePlan(json)
  const b = parsePlan(text)
  return a.ok && b.ok && JSON.stringify(planShape(a.plan)) === JSON.stringify(planShape(b.plan))
}

async function captureAll(server: Server): Promise<void> {
  const failures: string[] = []
  for (const planCase of planCases) {
    let json = ''
    let text = ''
    for (let attempt = 1; attempt <= 4; attempt++) {
      json = await explain(server.client, planCase, 'json')
      text = await explain(server.client, planCase, 'text')
      if (sameShape(json, text)) break
    }
    const base = path.join(fixtureDir, `pg${server.major}-${planCase.name}`)
    if (rewrite || !existsSync(`${base}.json`) || !existsSync(`${base}.txt`)) {
      writeFileSync(`${base}.json`, json + '\n')
      writeFileSync(`${base}.txt`, text + '\n')
    }
    const label = `pg${server.major} ${planCase.name}`
    try {
      const fromJson = parsed(json, `${label} json`)
      const fromText = parsed(text, `${label} text`)
      expect(fromText.warnings, `${label} text warnings`).toEqual([])
      expect(fromJson.warnings, `${label} json warnings`).toEqual([])
      expect(planShape(fromText), label).toEqual(planShape(fromJson))
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
  }
  // Every case is captured (and its fixtures written) before any failure is reported.
  expect(failures).toEqual([])
}

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) await server.client.end()
})

/** A superuser client of `url`'s server, on another database. */
const connectTo = (url: string) => (db: string) => {
  const target = new URL(url)
  target.pathname = `/${db}`
  return new pg.Client(target.toString())
}

/** The test servers of the global setup: the shared one (18), Debian's 15, and 14 from npm; '' when not running. */
const majors = [
  { major: 18, url: inject('databaseUrl') },
  { major: 15, url: inject('secondDatabaseUrl') },
  { major: 14, url: inject('thirdDatabaseUrl') }
]

describe('plans captured from real servers', () => {
  it.for(majors)('give equal trees in text and JSON on PostgreSQL $major', { timeout: 240_000 }, async ({ major, url }, context) => {
    if (!url) context.skip(`no PostgreSQL ${major} test server (see the global setup's warning)`)
    const server = await prepare(connectTo(url))
    servers.push(server)
    // TUSK_TEST_DATABASE_URL may point the shared server at another major: fixtures are named after what it is.
    if (major !== 18) expect(server.major).toBe(major)
    await captureAll(server)
  })
})
