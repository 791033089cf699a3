/**
 * Whatever is pasted, parsing never throws: truncated JSON, random text and
 * empty input come back as a message (with the line when there is one), and a
 * plan with a node type nobody knows still shows, with a warning.
 */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { fixture, fixturePairs, parsed, preorder } from './support/fixtures'

function failure(text: string) {
  const result = parsePlan(text)
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

describe('input that is not a plan', () => {
  it.each([[''], ['   \n\t\n'], ['QUERY PLAN\n----------\n(0 rows)']])('%j is empty', (text) => {
    expect(failure(text).message).toMatch(/empty/i)
  })

  it('names the line of random text', () => {
    const error = failure('hello world\nthis is not a plan')
    expect(error.line).toBe(1)
    expect(error.message).toMatch(/^This does not start an EXPLAIN plan/)
  })

  it('names the first line of text after the psql header', () => {
    expect(failure(' QUERY PLAN\n------------\n select 1\n(1 row)').line).toBe(3)
  })

  it('says a truncated JSON plan looks truncated, at its last line', () => {
    const json = fixture('pg18-hash-join', 'json')
    const cut = json.slice(0, Math.floor(json.length / 2))
    const error = failure(cut)
    expect(error.message).toMatch(/truncated/)
    expect(error.line).toBe(cut.split('\n').length)
  })

  it('names the line of broken JSON', () => {
    const error = failure('[\n  {\n    "Plan": {\n      "Node Type": "Seq Scan",\n      "Plan Rows": 12,,\n    }\n  }\n]')
    expect(error.line).toBe(5)
    expect(error.message).toMatch(/JSON/)
  })

  it('explains JSON that is not a plan', () => {
    expect(failure('{"rows": [1, 2, 3]}').message).toMatch(/not an EXPLAIN plan/)
    expect(failure('[]').message).toMatch(/empty list/)
  })

  it('never throws on any prefix or slice of a real plan', () => {
    for (const pair of fixturePairs().slice(0, 12)) {
      for (const text of [pair.json, pair.text]) {
        for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 40))) {
          expect(() => parsePlan(text.slice(0, cut))).not.toThrow()
          expect(() => parsePlan(text.slice(cut))).not.toThrow()
        }
      }
    }
  })

  it('never throws on odd input', () => {
    for (const text of ['{', '[', '"', '->', '->  ', '  ->  Seq Scan', '(cost=', 'Planning Time: 1 ms', '\u0000\u0001', '{"Plan": null}', '[{"Plan": {"Plans": 3}}]', 'null', '123']) {
      const result = parsePlan(text)
      expect(typeof result.ok).toBe('boolean')
    }
    expect(parsePlan(undefined as unknown as string).ok).toBe(false)
  })
})

describe('JSON whose essentials have the wrong type', () => {
  it('refuses a "Node Type" that is not a name, naming its line', () => {
    const error = failure('{"Plan":{"Node Type":42}}')
    // The line is in `line` (shown in front of the message), not repeated inside it.
    expect(error.message).toMatch(/^The plan node's "Node Type" is 42, not a name/)
    expect(error.line).toBe(1)
  })

  it.each([['null'], ['true'], ['{"a": 1}'], ['["Seq Scan"]']])('refuses a child whose "Node Type" is %s, at the child\'s line', (written) => {
    const error = failure(`[\n  {\n    "Plan": {\n      "Node Type": "Hash Join",\n      "Plans": [\n        {\n          "Node Type": ${written}\n        }\n      ]\n    }\n  }\n]`)
    expect(error.line).toBe(6)
    expect(error.message).toMatch(/^The plan node's "Node Type" is .*, not a name like "Seq Scan"/)
  })

  it('refuses a wrong "Node Type" inside a "QUERY PLAN" string too', () => {
    expect(failure('{"QUERY PLAN": "{\\"Plan\\": {\\"Node Type\\": 7}}"}').message).toMatch(/"Node Type" is 7, not a name/)
  })

  it('keeps a node whose cost or time is not a number, without it, with one warning per key naming the line', () => {
    const json = '[\n  {\n    "Plan": {\n      "Node Type": "Seq Scan",\n      "Total Cost": "lots",\n      "Actual Loops": {"n": 1},\n      "Plans": [\n        {\n          "Node Type": "Seq Scan",\n          "Total Cost": false\n        }\n      ]\n    }\n  }\n]'
    const result = parsePlan(json)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.plan.root.totalCost).toBeNull()
    expect(result.plan.root.children[0]!.totalCost).toBeNull()
    expect(result.plan.warnings).toEqual([
      // Children are read before their parent: the child's "Total Cost" is the one named.
      '"Total Cost" is false, not a number (node on line 8); left out',
      '"Actual Loops" is {"n":1}, not a number (node on line 3); left out'
    ])
  })

  it('keeps a node whose "Plans" is not a list of nodes, without those children, with a warning', () => {
    const notList = parsePlan('{\n  "Plan": {\n    "Node Type": "Hash",\n    "Plans": 3\n  }\n}')
    expect(notList.ok && notList.plan.warnings).toEqual(['"Plans" is not a list (node on line 2); left out'])
    const oddChild = parsePlan('{"Plan": {"Node Type": "Append", "Plans": [{"Node Type": "Result"}, "Seq Scan", 4]}}')
    expect(oddChild.ok && oddChild.plan.root.children).toHaveLength(1)
    expect(oddChild.ok && oddChild.plan.warnings).toEqual(['"Plans" holds a child that is not a node (node on line 1); left out'])
  })

  it('reads every real JSON plan exactly as before: no new warning', () => {
    for (const pair of fixturePairs()) {
      const result = parsePlan(pair.json)
      expect(result.ok).toBe(true)
      if (result.ok) expect(result.plan.warnings.filter((w) => /not a number|"Node Type" is|"Plans"/.test(w))).toEqual([])
    }
  })
})

describe('plans with a node type nobody knows', () => {
  it('keep the node and its children from JSON, with a warning', () => {
    const json = fixture('pg18-hash-join', 'json').replace('"Node Type": "Hash",', '"Node Type": "Vectorized Hash",')
    const result = parsePlan(json)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const types = preorder(result.plan.root).map((node) => node.nodeType)
    expect(types).toContain('Vectorized Hash')
    expect(types).toHaveLength(preorder(parsed(fixture('pg18-hash-join', 'json')).root).length)
    expect(result.plan.warnings).toEqual([expect.stringMatching(/Unknown node type "Vectorized Hash" on line \d+/)])
  })

  it('keep the node and its children from text, with a warning', () => {
    const text = fixture('pg15-hash-join', 'txt').replace('->  Hash  (', '->  Vectorized Hash  (')
    const result = parsePlan(text)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const node = preorder(result.plan.root).find((n) => n.nodeType === 'Vectorized Hash')!
    expect(node.children).toHaveLength(1)
    expect(node.attributes['Buckets'] ?? node.hashBuckets).not.toBeUndefined()
    expect(result.plan.warnings).toEqual([expect.stringMatching(/Unknown node type "Vectorized Hash" on line \d+/)])
  })

  it('keep an unknown root with costs, with a warning', () => {
    const result = parsePlan('Teleport Scan on stars s  (cost=0.00..1.00 rows=1 width=4)\n  Filter: (s.x > 1)')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.plan.root).toMatchObject({ nodeType: 'Teleport Scan', filter: '(s.x > 1)', totalCost: 1 })
    expect(result.plan.warnings).toHaveLength(1)
  })
})
