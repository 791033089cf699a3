/**
 * A plan pasted from psql (aligned, unaligned, bordered, one cell with `+` or
 * `↵` marks), from a GUI client (quoted lines or one quoted cell) or from a
 * terminal that hard-wrapped long lines reads exactly like the raw plan, and
 * its nodes still point at the user's own lines.
 */
import { describe, expect, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import type { ExplainPlan } from '@shared/explain/model/plan-model'
import { fixture, fixturePairs, parsed, preorder } from './support/fixtures'
import { psqlAligned, psqlBordered, psqlSingleCell, psqlUnaligned, quotedCell, quotedLines, terminalWrapped } from './support/paste-variants'
import { planShape } from './support/plan-shape'

const textVariants: Record<string, (plan: string) => string> = {
  'psql aligned': psqlAligned,
  'psql unaligned': psqlUnaligned,
  'psql ascii borders': (plan) => psqlBordered(plan, 'ascii'),
  'psql unicode borders': (plan) => psqlBordered(plan, 'unicode'),
  'one cell with + marks': (plan) => psqlSingleCell(plan, '+'),
  'one cell with ↵ marks': (plan) => psqlSingleCell(plan, '↵'),
  'quoted lines (pgAdmin)': quotedLines,
  'one quoted cell (DBeaver)': quotedCell,
  'wrapped at 80 columns': (plan) => terminalWrapped(plan, 80),
  'wrapped at 57 columns': (plan) => terminalWrapped(plan, 57),
  'psql aligned wrapped at 100 columns': (plan) => terminalWrapped(psqlAligned(plan), 100),
  'Windows line endings': (plan) => plan.replaceAll('\n', '\r\n')
}
const jsonVariants: Record<string, (plan: string) => string> = {
  'psql aligned with + marks': (plan) => psqlSingleCell(plan, '+'),
  'psql unicode with ↵ marks': (plan) => psqlSingleCell(plan, '↵'),
  'psql unaligned': psqlUnaligned,
  'one quoted cell': quotedCell,
  'without the outer array': (plan) => plan.trim().replace(/^\[/, '').replace(/\]$/, ''),
  'minified on one line': (plan) => JSON.stringify(JSON.parse(plan))
}

/** Everything a parse gives apart from line numbers. */
function content(plan: ExplainPlan) {
  return {
    shape: planShape(plan),
    attributes: preorder(plan.root).map((node) => node.attributes),
    workers: preorder(plan.root).map((node) => node.workers),
    footer: [plan.settings, plan.triggers, plan.jit, plan.planningTimeMs, plan.executionTimeMs, plan.planningBuffers],
    warnings: plan.warnings
  }
}

const pairs = fixturePairs()

describe.each(Object.entries(textVariants))('a text plan pasted as %s', (_name, variant) => {
  it.each(pairs.map((pair) => [pair.name, pair.text]))('%s reads like the raw plan', (_fixture, text) => {
    expect(content(parsed(variant(text)))).toEqual(content(parsed(text)))
  })
})

describe.each(Object.entries(jsonVariants))('a JSON plan pasted %s', (_name, variant) => {
  it.each(pairs.map((pair) => [pair.name, pair.json]))('%s reads like the raw plan', (_fixture, json) => {
    expect(content(parsed(variant(json)))).toEqual(content(parsed(json)))
  })
})

describe('line numbers of a pasted plan', () => {
  it('point at the pasted lines, past psql header and borders', () => {
    const text = fixture('pg18-hash-join', 'txt')
    const pasted = psqlBordered(text, 'unicode')
    const plan = parsed(pasted)
    const lines = pasted.split('\n')
    for (const node of preorder(plan.root)) expect(lines[node.sourceLines![0] - 1]).toContain('(cost=')
    expect(plan.root.sourceLines![0]).toBe(4)
  })

  it('cover every piece of a line a terminal wrapped', () => {
    const text = fixture('pg18-nested-loop', 'txt')
    const pasted = terminalWrapped(text, 40)
    const root = parsed(pasted).root
    const lines = pasted.split('\n')
    const [first, last] = root.sourceLines!
    expect(lines.slice(first - 1, last).join('')).toContain(text.split('\n')[0])
  })

  it('point at the pasted lines of a JSON plan printed by psql', () => {
    const json = fixture('pg15-initplan', 'json')
    const pasted = psqlSingleCell(json, '+')
    const plan = parsed(pasted)
    const lines = pasted.split('\n')
    for (const node of preorder(plan.root)) expect(lines[node.sourceLines![0]]).toContain(`"Node Type": "${node.nodeType}"`)
  })
})

describe('pasted plans that are not quite whole', () => {
  it('read the first plan of two and say so', () => {
    const text = fixture('pg18-index-scan', 'txt')
    const result = parsePlan(`${text}\n${text}`)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(planShape(result.plan)).toEqual(planShape(parsed(text)))
    expect(result.plan.warnings.join(' ')).toMatch(/only the first/)
  })

  it('read a plan without costs (COSTS OFF)', () => {
    const plan = parsed(['Hash Join', '  Hash Cond: (o.customer_id = c.id)', '  ->  Seq Scan on orders o', '  ->  Hash', '        ->  Seq Scan on customers c'].join('\n'))
    expect(preorder(plan.root).map((node) => node.nodeType)).toEqual(['Hash Join', 'Seq Scan', 'Hash', 'Seq Scan'])
    expect(plan.root.hashCond).toBe('(o.customer_id = c.id)')
    expect(plan.warnings).toEqual([])
  })
})
