/**
 * Plans for the advice rules, captured from a real server.
 *
 * Runs every case of advice-plan-cases.ts on the shared PostgreSQL 18 and
 * writes tests/fixtures/plans/advice/<case>.json when missing (or with
 * TUSK_CAPTURE_PLANS=1), so the unit tests of the rules run without a server.
 * Each capture must parse, so a fixture is always a plan the app can read.
 */
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { explain, prepare } from '../explain/plan-database'
import { advicePlanCases, adviceSchemaSql } from './advice-plan-cases'

const fixtureDir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'plans', 'advice')
const rewrite = process.env.TUSK_CAPTURE_PLANS === '1'
const database = 'tusk_advice_plans'
let client: pg.Client

function connectTo(db: string): pg.Client {
  const target = new URL(inject('databaseUrl'))
  target.pathname = `/${db}`
  return new pg.Client(target.toString())
}

beforeAll(async () => {
  client = (await prepare(connectTo, database, adviceSchemaSql)).client
})
afterAll(async () => {
  await client?.end()
})

describe('advice plans captured from PostgreSQL 18', () => {
  it.for(advicePlanCases)('$name parses', async (planCase) => {
    const json = await explain(client, planCase, 'json')
    const parsed = parsePlan(json)
    expect(parsed.ok).toBe(true)
    const file = path.join(fixtureDir, `${planCase.name}.json`)
    if (rewrite || !existsSync(file)) writeFileSync(file, json + '\n')
  })
})
