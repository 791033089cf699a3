/**
 * A plan pasted with whatever the user copied around it (a psql session with
 * prompts, replies and timing lines, unicode frames with double lines, a SQL
 * script, comment lines, pgAdmin's quotes, psql's footer after a JSON plan)
 * reads as the same tree as the bare JSON capture of the same query, and the
 * EXPLAIN statement typed above it becomes the plan's query.
 *
 * The sessions were captured from PostgreSQL 18 and 15 by
 * tests/integration/explain/capture-pastes.test.ts; prompts, localized timing
 * lines and pgAdmin's quoting are added here to those captures.
 */
import { describe, expect, it } from 'vitest'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { parsed, preorder } from './support/fixtures'
import { pasteFile, pastedCaseNames, pastedMajors, pasteStyles, withPrompts } from './support/paste-captures'
import { planShape } from './support/plan-shape'

/** What the room sees of a tree: node types, relations, rows and loops, and which nodes were timed. */
function tree(plan: ExplainPlan) {
  return { shape: planShape(plan), timed: preorder(plan.root).map((node) => node.actualTotalMs !== null) }
}

function capture(name: string): string {
  const text = pasteFile(name)
  if (text === null) throw new Error(`missing paste fixture ${name}: run tests/integration/explain/capture-pastes.test.ts`)
  return text
}

const frenchTiming = (session: string) => session.replace(/^Time: (\d+)\.(\d+) ms$/gm, 'Temps : $1,$2 ms')
const pgAdminQuoted = (text: string, header: boolean) =>
  (header ? ['"QUERY PLAN"'] : []).concat(text.trimEnd().split('\n').map((line) => `'${line.replaceAll("'", "''")}'`)).join('\n')

const cases = pastedMajors.flatMap((major) => pastedCaseNames.map((name) => `pg${major}-${name}`))

describe.each(cases)('pastes of %s', (prefix) => {
  const reference = tree(parsed(capture(`${prefix}.bare.json.txt`)))
  const bareText = capture(`${prefix}.bare.text.txt`)
  const bareJson = capture(`${prefix}.bare.json.txt`)
  const explainedQuery = /^explain \(ANALYZE, BUFFERS, VERBOSE, format (text|json)\)\nselect [^\n]+;$/

  describe.each(['text', 'json'] as const)('in %s format', (format) => {
    it.each(pasteStyles.map((style) => style.name))('a psql session (%s) gives the JSON tree and its query', (style) => {
      const plan = parsed(capture(`${prefix}.${style}.${format}.txt`))
      expect(tree(plan)).toEqual(reference)
      expect(plan.query).toMatch(explainedQuery)
      expect(plan.query).toContain(`format ${format}`)
    })

    it('a session with prompts and localized timing lines gives the JSON tree and its query', () => {
      for (const [prompt, continuation] of [['tusk=# ', 'tusk-# '], ['[4242](4242)alice@tusk=# ', '[4242](4242)alice@tusk-# ']] as const) {
        const session = frenchTiming(withPrompts(capture(`${prefix}.aligned-echo-all.${format}.txt`), prompt, continuation))
        expect(session).toContain('Temps : ')
        const plan = parsed(session)
        expect(tree(plan)).toEqual(reference)
        expect(plan.query).toMatch(explainedQuery)
      }
    })
  })

  it('a plan under comment lines and blank lines gives the JSON tree, and no query when none was typed', () => {
    const pasted = `# slow on prod, 2026-12-01\n\n-- the report query\n\n${bareText}`
    const plan = parsed(pasted)
    expect(tree(plan)).toEqual(reference)
    expect(plan.query).toBeUndefined()
    expect(parsed(bareText).query).toBeUndefined()
  })

  it('a commented EXPLAIN above the QUERY PLAN header is the query, not part of the root', () => {
    const aligned = capture(`${prefix}.aligned-echo-queries.text.txt`)
    const planPart = aligned.slice(aligned.search(/^ +QUERY PLAN/m))
    const plan = parsed(`# explain analyze select …\n${planPart}`)
    expect(tree(plan)).toEqual(reference)
    expect(plan.root.nodeType).toBe(reference.shape[0]!.nodeType)
    expect(plan.query).toBe('# explain analyze select …')
  })

  it('a SQL script followed by its EXPLAIN output gives the JSON tree and the EXPLAIN as query', () => {
    const script = [
      "set work_mem = '64MB';",
      'create table if not exists scratch (g int);',
      'insert into scratch select generate_series(1, 1000);',
      'analyze scratch;',
      'explain (analyze, buffers, verbose)',
      '  select c.name from customers c;',
      ''
    ].join('\n')
    for (const output of [bareText, bareJson]) {
      const plan = parsed(script + output)
      expect(tree(plan)).toEqual(reference)
      expect(plan.query).toBe('explain (analyze, buffers, verbose)\n  select c.name from customers c;')
    }
  })

  it("pgAdmin's copy with quotes gives the JSON tree", () => {
    for (const header of [false, true]) expect(tree(parsed(pgAdminQuoted(bareText, header)))).toEqual(reference)
    // The hash join filters on 'NL': its quotes come doubled.
    if (prefix.endsWith('hash-join')) expect(pgAdminQuoted(bareText, false)).toMatch(/''NL''/)
  })

  it("a JSON plan followed by psql's footer or other text gives the JSON tree", () => {
    for (const after of ['\n(1 row)\n\nTime: 3.120 ms\n', '\nslow since the upgrade, see ticket 42\n', '\n(1 row)\n\ntusk=# \\q\n']) {
      expect(tree(parsed(bareJson.trimEnd() + after))).toEqual(reference)
    }
  })
})
