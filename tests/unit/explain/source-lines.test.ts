/**
 * A plan read without its source lines (the quick way, for the tree) gets
 * exactly the lines a full read gives once the raw view asks for them.
 */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { fillSourceLines } from '@shared/explain/read/source-lines'
import { fixture, fixturePairs, preorder } from './support/fixtures'
import { psqlSingleCell } from './support/paste-variants'

const lines = (text: string, mode: 'eager' | 'lazy') => {
  const result = parsePlan(text, { sourceLines: mode })
  if (!result.ok) throw new Error(result.error.message)
  return result.plan
}

describe('source lines asked for later', () => {
  it.each(fixturePairs().flatMap((pair) => [[`${pair.name}.json`, pair.json], [`${pair.name}.txt`, pair.text]]))('are those of a full read for %s', (_name, text) => {
    const full = lines(text, 'eager')
    const quick = lines(text, 'lazy')
    if (full.format === 'json') expect(preorder(quick.root).every((node) => node.sourceLines === undefined)).toBe(true)
    fillSourceLines(quick, text)
    expect(preorder(quick.root).map((node) => node.sourceLines)).toEqual(preorder(full.root).map((node) => node.sourceLines))
  })

  it('point at the pasted lines of a JSON plan printed by psql', () => {
    const pasted = psqlSingleCell(fixture('pg18-initplan', 'json'), '+')
    const quick = lines(pasted, 'lazy')
    fillSourceLines(quick, pasted)
    expect(preorder(quick.root).map((node) => node.sourceLines)).toEqual(preorder(lines(pasted, 'eager').root).map((node) => node.sourceLines))
  })

  it('are given at once to a node a warning names', () => {
    const json = fixture('pg18-hash-join', 'json').replace('"Node Type": "Hash",', '"Node Type": "Vectorized Hash",')
    const quick = lines(json, 'lazy')
    expect(quick.warnings.join(' ')).toMatch(/Unknown node type "Vectorized Hash" on line \d+/)
    expect(quick.warnings).toEqual(lines(json, 'eager').warnings)
  })
})
