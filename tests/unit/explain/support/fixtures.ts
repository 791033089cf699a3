/**
 * The captured plan fixtures (tests/fixtures/plans), read once.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { preorder, type ExplainPlan } from '@shared/explain/model/plan-model'

export const fixtureDir = path.resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'plans')

export interface FixturePair {
  /** "pg18-hash-join" */
  name: string
  json: string
  text: string
}

export function fixturePairs(): FixturePair[] {
  const names = readdirSync(fixtureDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()
  return names.map((name) => ({
    name,
    json: readFileSync(path.join(fixtureDir, `${name}.json`), 'utf8'),
    text: readFileSync(path.join(fixtureDir, `${name}.txt`), 'utf8')
  }))
}

export function fixture(name: string, format: 'json' | 'txt'): string {
  return readFileSync(path.join(fixtureDir, `${name}.${format}`), 'utf8')
}

export function parsed(text: string): ExplainPlan {
  const result = parsePlan(text)
  if (!result.ok) throw new Error(`${result.error.message} (line ${result.error.line ?? '?'})`)
  return result.plan
}

export { preorder }
