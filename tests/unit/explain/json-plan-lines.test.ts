/**
 * Every node of a JSON plan points at its own lines (its `{` to its `}`),
 * however the JSON was written: PostgreSQL's key order or another tool's,
 * braces, quotes and the words "Node Type" inside strings, a plan wrapped in
 * a "QUERY PLAN" string.
 */
import { describe, expect, it } from 'vitest'
import type { PlanNode } from '@shared/explain/model/plan-model'
import { fixture, parsed, preorder } from './support/fixtures'

type Json = Record<string, unknown>

/** The JSON again, with every object's keys in reverse order ("Node Type" last, "Plans" first). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value as Json).reverse().map(([key, item]) => [key, reversedKeys(item)]))
}

/** Every node's filter made to hold JSON-looking text. */
function trickyStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(trickyStrings)
  if (value === null || typeof value !== 'object') return value
  const out: Json = {}
  for (const [key, item] of Object.entries(value as Json)) out[key] = trickyStrings(item)
  if ('Node Type' in out) out['Filter'] = `(tags @> '{"Node Type": "x", "a": {1}}'::jsonb) AND (note = '}\\\\"')`
  return out
}

function expectOwnLines(json: string, nodes: PlanNode[]): void {
  const lines = json.split('\n')
  let previousFirst = 0
  for (const node of nodes) {
    const [first, last] = node.sourceLines!
    expect(first).toBeGreaterThan(previousFirst)
    previousFirst = first
    expect(lines[first - 1]!.trimEnd()).toMatch(/{$/)
    expect(lines[last - 1]!.trim()).toMatch(/^}/)
    const own = lines.slice(first - 1, last).filter((line) => line.includes(`"Node Type": "${node.nodeType}"`))
    expect(own.length).toBeGreaterThan(0)
  }
}

describe('lines of JSON plan nodes', () => {
  const original = fixture('pg18-parallel-hash-join', 'json')
  const expected = preorder(parsed(original).root)

  it("follow PostgreSQL's own output", () => {
    expectOwnLines(original, expected)
  })

  it('are found when "Node Type" is not the first key', () => {
    const json = JSON.stringify(reversedKeys(JSON.parse(original)), null, 2)
    const nodes = preorder(parsed(json).root)
    expect(nodes.map((node) => node.nodeType)).toEqual(expected.map((node) => node.nodeType))
    expectOwnLines(json, nodes)
  })

  it('are not misled by braces, quotes or keys inside strings', () => {
    const json = JSON.stringify(trickyStrings(JSON.parse(original)), null, 2)
    const nodes = preorder(parsed(json).root)
    expect(nodes.map((node) => node.filter)).toEqual(expected.map(() => expect.stringContaining('"Node Type"')))
    expectOwnLines(json, nodes)
  })

  it('are absent, without a failure, for a plan inside a "QUERY PLAN" string', () => {
    const plan = parsed(JSON.stringify({ 'QUERY PLAN': original }))
    expect(preorder(plan.root).map((node) => node.nodeType)).toEqual(expected.map((node) => node.nodeType))
    expect(preorder(plan.root).every((node) => node.sourceLines === undefined)).toBe(true)
  })
})
