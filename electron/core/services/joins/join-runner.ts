/**
 * One run of the join stepper on a session already inside a transaction.
 *
 * Order: analyse the query (refuse what cannot be shown), sample the tables,
 * run the query on the samples (its rows are the answer; an error here is the
 * query's own), then ask the server for every join's pair verdicts, the
 * semi-joins, the WHERE, the trace and the plan. A step that fails after the
 * answer is known becomes a warning: the answer is still given.
 */
import type pg from 'pg'
import { analyseJoinQuery, type JoinAnalysis } from '@shared/joins/join-analysis'
import { deparse } from '@shared/joins/join-ast'
import type { JoinInput, JoinSteps } from '@shared/joins/join-model'
import { narrateSteps } from '@shared/joins/join-narration'
import { isRnColumn, JoinSqlBuilder, leavesOf, rnColumn, tableKey } from '@shared/joins/join-sql'
import { and3, StageBuilder, type Identity, type RawPair } from '@shared/joins/join-steps'
import { serverText } from '../../postgres/cells'
import { sampleTables, type TableSample } from './join-sampler'
import { replayJoins } from './join-plan'
import { withSavepoint } from './savepoint'

type Cell = string | null

/** Pairs one join may list: beyond this the JSON and the grid stop being readable (the answer is still given). */
const maxPairs = 1_000_000

async function rows(client: pg.ClientBase, text: string, params: string[][]): Promise<{ fields: string[]; rows: Cell[][] }> {
  const result = await client.query<Cell[]>({ text, values: params, rowMode: 'array', types: serverText })
  return { fields: result.fields.map((f) => f.name), rows: result.rows }
}

const verdict = (cell: Cell) => (cell === null ? null : cell === 't')
const rn = (cell: Cell) => (cell === null ? null : Number(cell))

export async function runJoinSteps(client: pg.ClientBase, sql: string, options: { sampleSize: number; interestingRows: boolean }): Promise<JoinSteps> {
  const { sampleSize } = options
  const analysis = await analyseJoinQuery(sql)
  const samples = await sampleTables(client, analysis, sampleSize, options.interestingRows)
  const builder = new JoinSqlBuilder(analysis, samples)
  const params = [...new Map([...samples.values()].map((s) => [s.param, s.literals])).entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l)
  const run = (text: string) => rows(client, text, params)
  const warnings: string[] = []
  const attempt = <T>(what: string, work: () => Promise<T>) => withSavepoint(client, work, (e) => warnings.push(`${what}: ${e instanceof Error ? e.message : String(e)}`))

  // The answer first: an error here is the query's own, and is the user's to see.
  const result = await run(builder.resultQuery())
  const unique = new Set(result.fields).size === result.fields.length
  const answer = (rows: Cell[][]) => ({ columns: result.fields, rows, ...(unique ? { result: rows.map((r) => Object.fromEntries(result.fields.map((f, i) => [f, r[i] ?? null]))) } : {}) })
  const inputs = await attempt('inputs', () => leafInputs(analysis, samples, builder, run))
  if (!inputs) {
    const bare = { sql, sampleSize, inputs: [], joins: [], where: null, fromLeaves: [], steps: [], ...answer(result.rows), trace: null, replay: [], warnings }
    return { ...bare, steps: narrateSteps(bare) }
  }
  const stages = new StageBuilder(analysis, inputs)

  for (const join of analysis.joins) {
    const candidates = stages.rowsOf(join.left).length * stages.rowsOf(join.right).length
    if (candidates > maxPairs) {
      warnings.push(`join ${join.id}: ${candidates.toLocaleString('en')} candidate pairs are too many to list; ask for a smaller sample`)
      stages.join(join, [])
      continue
    }
    const raw = await attempt(`join ${join.id} (${join.kind})`, async () => {
      const natural = join.natural ? await naturalColumns(run, builder, join) : []
      return pairsOf(await run(builder.joinVerdictQuery(join, natural)), leavesOf(join.left).length, leavesOf(join.right).length)
    })
    stages.join(join, raw ?? [])
  }
  const fromRows = stages.rowsOf(analysis.tree)
  for (const semi of analysis.semis) {
    const raw = await attempt(`${semi.written} subquery`, async () => pairsOf(await run(builder.semiVerdictQuery(semi)), analysis.fromLeaves.length, leavesOf(semi.inner).length))
    stages.semi(semi, fromRows, raw ?? [])
  }
  const where = analysis.conjuncts.length === 0 ? null : await attempt('WHERE', () => whereStage(run, builder, analysis))
  const trace = analysis.distinct ? null : await attempt('trace', () => traceRows(run, builder, analysis, result))
  const replay = (await attempt('plan replay', () => replayJoins(client, sql, analysis, stages))) ?? []
  warnings.push(...stages.warnings)

  const finalRows = trace?.rows ?? result.rows
  const joins = [...analysis.joins, ...analysis.semis].map((j) => stages.stages.get(j.id)!).filter(Boolean)
  const steps: JoinSteps = {
    sql,
    sampleSize,
    inputs: [...inputs.values()],
    joins,
    where: where ?? null,
    fromLeaves: analysis.fromLeaves.map((l) => l.id),
    steps: [],
    ...answer(finalRows),
    trace: trace?.identities ?? null,
    replay,
    warnings
  }
  steps.steps = narrateSteps(steps)
  return steps
}

async function leafInputs(analysis: JoinAnalysis, samples: Map<string, TableSample>, builder: JoinSqlBuilder, run: (text: string) => Promise<{ fields: string[]; rows: Cell[][] }>): Promise<Map<number, JoinInput>> {
  const inputs = new Map<number, JoinInput>()
  for (const leaf of analysis.leaves) {
    const base = { id: leaf.id, label: leaf.label, alias: leaf.alias, kind: leaf.kind }
    const sample = leaf.table ? samples.get(tableKey(leaf.table)) : undefined
    if (sample) {
      inputs.set(leaf.id, { ...base, table: `${sample.schema}.${sample.name}`, columns: sample.columns, rows: sample.rows, wholeTable: sample.wholeTable, estimatedRows: sample.estimatedRows })
      continue
    }
    const got = await run(builder.leafRowsQuery(leaf))
    const keep = got.fields.map((f, i) => (f === rnColumn(leaf.id) ? -1 : i)).filter((i) => i >= 0)
    inputs.set(leaf.id, { ...base, columns: keep.map((i) => got.fields[i]!), rows: got.rows.map((r) => keep.map((i) => r[i]!)), wholeTable: true })
  }
  return inputs
}

async function naturalColumns(run: (text: string) => Promise<{ fields: string[] }>, builder: JoinSqlBuilder, join: JoinAnalysis['joins'][number]): Promise<string[]> {
  const left = (await run(builder.sideColumnsQuery(join.left))).fields.filter((f) => !isRnColumn(f))
  const right = new Set((await run(builder.sideColumnsQuery(join.right))).fields)
  return [...new Set(left.filter((f) => right.has(f)))]
}

function pairsOf(got: { rows: Cell[][] }, leftCount: number, rightCount: number): RawPair[] {
  return got.rows.map((r) => ({ left: r.slice(0, leftCount).map(rn), right: r.slice(leftCount, leftCount + rightCount).map(rn), on: verdict(r[leftCount + rightCount]!) }))
}

async function whereStage(run: (text: string) => Promise<{ rows: Cell[][] }>, builder: JoinSqlBuilder, analysis: JoinAnalysis): Promise<NonNullable<JoinSteps['where']>> {
  const got = await run(builder.whereQuery())
  const n = analysis.fromLeaves.length
  const identities: Identity[] = got.rows.map((r) => r.slice(0, n).map(rn))
  const verdicts = got.rows.map((r) => and3(r.slice(n).map(verdict)))
  const kept = verdicts.filter((v) => v === true).length
  const removedPadded = identities.filter((id, i) => verdicts[i] !== true && id.some((x) => x === null)).length
  const condition = analysis.conjuncts.map((c) => deparse(c)).join(' AND ')
  return { condition, rows: identities, verdicts, kept, removedPadded }
}

/** The final rows with the FROM row each came from, when they are the answer's rows (as a multiset). */
async function traceRows(run: (text: string) => Promise<{ fields: string[]; rows: Cell[][] }>, builder: JoinSqlBuilder, analysis: JoinAnalysis, result: { fields: string[]; rows: Cell[][] }) {
  const got = await run(builder.traceQuery())
  const n = analysis.fromLeaves.length
  const valueIndexes = got.fields.slice(0, got.fields.length - n).map((f, i) => (isRnColumn(f) ? -1 : i)).filter((i) => i >= 0)
  const traced = got.rows.map((r) => valueIndexes.map((i) => r[i]!))
  const sameFields = valueIndexes.length === result.fields.length && valueIndexes.every((i, k) => got.fields[i] === result.fields[k])
  const key = (r: Cell[]) => JSON.stringify(r)
  const sorted = (all: Cell[][]) => all.map(key).sort().join('\n')
  if (!sameFields || sorted(traced) !== sorted(result.rows)) return null
  return { rows: traced, identities: got.rows.map((r) => r.slice(r.length - n).map(rn)) }
}
