/**
 * Reading a big plan: parse + derived metrics + tree layout, in Node, as a
 * ratio to JSON.parse of the same text (measured in the same run).
 * Target: <= 3× JSON.parse.
 *
 * The plan is read as the plan view reads it: source lines of a JSON plan
 * are found later, when the raw view opens (parsePlan's sourceLines: 'lazy').
 *
 * Steady state on both sides: JSON.parse is native and needs no warm-up, so
 * each case's pipeline first runs until V8 has optimised it (at least
 * `warmRuns` times and `warmMs`).
 */
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics } from '@shared/explain/analyse/plan-metrics'
import { layoutPlanTree } from '../renderer/src/features/explain/plan-tree-layout'
import { median } from './support/bench-sandbox'
import { deepPlan, widePlan } from './support/generated-plans'

const repeats = 11
const warmRuns = 10
const warmMs = 300

function time(fn: () => void): number {
  const runs: number[] = []
  for (let i = 0; i < repeats; i++) {
    const t = performance.now()
    fn()
    runs.push(performance.now() - t)
  }
  return median(runs)
}

const cases = [
  { name: '1000 nodes', text: widePlan(1000) },
  { name: '10000 nodes', text: widePlan(10_000) },
  { name: '300 levels deep', text: deepPlan(300) }
]

function pipeline(text: string): number {
  const parsed = parsePlan(text, { sourceLines: 'lazy' })
  if (!parsed.ok) throw new Error(parsed.error.message)
  const flat = planMetrics(parsed.plan)
  layoutPlanTree(flat)
  return flat.length
}

function warm(text: string): void {
  const start = performance.now()
  for (let run = 0; run < warmRuns || performance.now() - start < warmMs; run++) pipeline(text)
}

const figures: Record<string, { nodes: number; bytes: number; tuskMs: number; jsonParseMs: number; ratio: number }> = {}
for (const c of cases) {
  let nodes = 0
  warm(c.text)
  const tuskMs = time(() => {
    nodes = pipeline(c.text)
  })
  const jsonParseMs = time(() => JSON.parse(c.text))
  figures[c.name] = { nodes, bytes: c.text.length, tuskMs: Number(tuskMs.toFixed(2)), jsonParseMs: Number(jsonParseMs.toFixed(2)), ratio: Number((tuskMs / jsonParseMs).toFixed(2)) }
  console.log(`${c.name}: ${nodes} nodes, ${(c.text.length / 1e6).toFixed(2)} MB: parse+metrics+layout ${tuskMs.toFixed(1)} ms, JSON.parse ${jsonParseMs.toFixed(1)} ms (×${(tuskMs / jsonParseMs).toFixed(2)})`)
}
const worst = Math.max(...Object.values(figures).map((f) => f.ratio))
console.log(
  'BENCH ' +
    JSON.stringify({
      name: 'plan-parse',
      figures,
      baseline: Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, { jsonParseMs: f.jsonParseMs }])),
      ratio: worst,
      target: { ratio: 3, met: worst <= 3 }
    })
)
