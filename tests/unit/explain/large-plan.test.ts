/**
 * A 50 MB plan (the size of a big partitioned query with VERBOSE) parses, in
 * both formats, and so does a paste mangled by psql.
 *
 * Speed is measured by `npm run bench -- plan-parse`; the limits here are only
 * a guard against a quadratic step (which takes minutes at this size), loose
 * enough for a busy 2-core CI machine.
 */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { largeJsonPlan, largeTextPlan } from './support/large-plans'

const megabytes50 = 50 * 1024 * 1024
const notQuadraticMs = 20_000

function timed<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now()
  const result = work()
  return { result, ms: performance.now() - start }
}

describe('a 50 MB plan', () => {
  it('parses as text', () => {
    const { text, nodes } = largeTextPlan(megabytes50)
    expect(text.length).toBeGreaterThanOrEqual(megabytes50)
    const { result, ms } = timed(() => parsePlan(text))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.plan.warnings).toEqual([])
    const flat = timed(() => planMetrics(result.plan))
    expect(flat.result).toHaveLength(nodes)
    expect(ms).toBeLessThan(notQuadraticMs)
    expect(flat.ms).toBeLessThan(notQuadraticMs)
  }, 120_000)

  it('parses as JSON', () => {
    const { text, nodes } = largeJsonPlan(megabytes50)
    expect(text.length).toBeGreaterThanOrEqual(megabytes50)
    const { result, ms } = timed(() => parsePlan(text))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(planMetrics(result.plan)).toHaveLength(nodes)
    expect(ms).toBeLessThan(notQuadraticMs)
  }, 120_000)

  it('parses when pasted from psql with + marks on every line', () => {
    const { text } = largeTextPlan(megabytes50 / 2)
    const lines = text.split('\n')
    const pasted = [' QUERY PLAN', '-----------', ...lines.map((line) => ` ${line} +`), '(1 row)'].join('\n')
    const { result, ms } = timed(() => parsePlan(pasted))
    expect(result.ok).toBe(true)
    expect(ms).toBeLessThan(notQuadraticMs)
  }, 120_000)

  it('reads deep indentation in linear time', () => {
    // 3000 nested nodes: indentation alone is ~27 MB of spaces.
    const lines: string[] = []
    for (let depth = 0; depth < 3000; depth++) {
      const pad = ' '.repeat(depth * 6)
      lines.push(`${pad}${depth ? '->  ' : ''}Limit  (cost=0.00..1.00 rows=1 width=4) (actual time=0.001..0.002 rows=1 loops=1)`)
      lines.push(`${pad}${depth ? '      ' : '  '}Output: x`)
    }
    const { result, ms } = timed(() => parsePlan(lines.join('\n')))
    expect(ms).toBeLessThan(notQuadraticMs)
    expect(result.ok).toBe(true)
  }, 120_000)
})
