/**
 * The logical steps a trainer walks through, in words and counts.
 *
 * inputs → for each join: the L×R grid → the ON filter → matched pairs (fan-out
 * called out) → outer padding; then semi-/anti-joins, the WHERE after the join
 * (with the LEFT JOIN that collapses to an inner join called out) → summary.
 * Each step carries a running counter ("6 × 5 = 30 candidate pairs") and,
 * where it helps, a question to answer before the step is shown.
 */
import type { JoinStage, JoinStep, JoinSteps } from './join-model'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function narrateSteps(steps: Omit<JoinSteps, 'steps'>): JoinStep[] {
  const out: JoinStep[] = []
  const sizes = steps.inputs.map((i) => `${i.alias} (${plural(i.rows.length, 'row')}${i.wholeTable ? ', whole table' : ''})`)
  out.push({
    kind: 'inputs',
    title: 'The inputs',
    narration: `A sample of each input: ${sizes.join(', ')}. Every value below is PostgreSQL's own, and PostgreSQL judges every pair.`,
    counter: steps.inputs.map((i) => i.rows.length).join(' + ') + ' input rows'
  })
  for (const stage of steps.joins) out.push(...(stage.kind === 'SEMI' || stage.kind === 'ANTI' ? semiSteps(stage) : joinSteps(stage)))
  if (steps.where) {
    const w = steps.where
    const removed = w.rows.length - w.kept
    const outer = steps.joins.some((j) => j.kind === 'LEFT' || j.kind === 'RIGHT' || j.kind === 'FULL')
    const collapse =
      outer && w.removedPadded > 0
        ? ` It removed ${plural(w.removedPadded, 'padded row')}: a WHERE on the padded side throws away the NULLs the outer join added, so the outer join now returns what an inner join would. Put that condition in ON to keep them.`
        : ''
    out.push({
      kind: 'where',
      title: 'WHERE, after the join',
      narration: `WHERE ${w.condition} runs on the joined rows: it keeps ${w.kept} of ${w.rows.length} (a NULL verdict drops a row like false).${collapse}`,
      counter: `${w.rows.length} − ${removed} = ${w.kept} rows`,
      prediction: { question: `How many of the ${w.rows.length} joined rows does the WHERE keep?`, answer: w.kept }
    })
  }
  out.push({
    kind: 'summary',
    title: 'The result',
    narration: `${plural(steps.rows.length, 'row')} in the result, from ${steps.inputs.map((i) => i.rows.length).join(' and ')} input rows.${steps.warnings.length ? ` (${plural(steps.warnings.length, 'step')} could not be shown: ${steps.warnings.join('; ')})` : ''}`,
    counter: `${plural(steps.rows.length, 'row')}`
  })
  return out
}

function joinSteps(stage: JoinStage): JoinStep[] {
  const l = stage.left.rows.length
  const r = stage.right.rows.length
  const total = l * r
  const name = stage.written === ',' ? 'comma (CROSS) join' : `${stage.kind} JOIN`
  const falses = stage.pairs.filter((p) => p.on === false).length
  const unknown = stage.pairs.filter((p) => p.on === null).length
  const steps: JoinStep[] = [
    {
      kind: 'grid',
      joinId: stage.id,
      title: `${name}: every pair`,
      narration: `${stage.left.label} × ${stage.right.label}: each of the ${l} left rows meets each of the ${r} right rows.`,
      counter: `${l} × ${r} = ${total} candidate pairs`
    }
  ]
  if (stage.kind !== 'CROSS') {
    steps.push({
      kind: 'filter',
      joinId: stage.id,
      title: `The condition: ${stage.condition ?? ''}`,
      narration: `PostgreSQL evaluates ${stage.condition} on every pair: ${stage.matched} ✓ true, ${falses} ✗ false, ${unknown} ? unknown (a NULL on either side makes = unknown, and unknown is not a match).`,
      counter: `${total} pairs → ${stage.matched} match`,
      prediction: { question: `How many of the ${total} pairs satisfy ${stage.condition}?`, answer: stage.matched }
    })
  }
  const fan = stage.fanOut > 0 ? ` ${plural(stage.fanOut, 'left row')} matched more than one right row: each match is a row of its own (fan-out).` : ''
  steps.push({
    kind: 'matched',
    joinId: stage.id,
    title: 'Matched pairs go to the result',
    narration: `${plural(stage.matched, 'matching pair')} become${stage.matched === 1 ? 's' : ''} ${plural(stage.matched, 'row')}.${fan}`,
    counter: `${plural(stage.matched, 'row')}`
  })
  if (stage.kind === 'LEFT' || stage.kind === 'RIGHT' || stage.kind === 'FULL') {
    const left = stage.padded.filter((p) => p.side === 'left').length
    const right = stage.padded.filter((p) => p.side === 'right').length
    const parts = [left ? `${plural(left, 'left row')} with no match, padded with NULLs on the right` : '', right ? `${plural(right, 'right row')} with no match, padded with NULLs on the left` : ''].filter(Boolean)
    steps.push({
      kind: 'padding',
      joinId: stage.id,
      title: `${stage.kind} JOIN keeps the unmatched rows`,
      narration: parts.length ? `The outer join rescues ${parts.join(', and ')}.` : 'Every row of the preserved side found a match: nothing to pad.',
      counter: `${stage.matched} + ${stage.padded.length} = ${stage.output.length} rows`,
      prediction: { question: `How many rows will the ${stage.kind} JOIN return?`, answer: stage.output.length }
    })
  }
  return steps
}

function semiSteps(stage: JoinStage): JoinStep[] {
  const l = stage.left.rows.length
  const r = stage.right.rows.length
  const rule =
    stage.written === 'NOT IN'
      ? 'NOT IN keeps a row only when every comparison is false: one unknown (a NULL in the subquery) and the row is gone.'
      : stage.kind === 'SEMI'
        ? `${stage.written} keeps a row as soon as one subquery row makes the condition true, once, however many match.`
        : 'NOT EXISTS keeps a row when no subquery row makes the condition true.'
  const trapped = stage.written === 'NOT IN' ? countTrapped(stage) : 0
  const trap = trapped > 0 ? ` ${plural(trapped, 'row')} matched nothing but met a NULL: NOT IN drops ${trapped === 1 ? 'it' : 'them'} (the NULL trap; NOT EXISTS would keep ${trapped === 1 ? 'it' : 'them'}).` : ''
  return [
    {
      kind: 'grid',
      joinId: stage.id,
      title: `${stage.written}: every pair`,
      narration: `Each of the ${l} rows so far meets each of the ${r} subquery rows.`,
      counter: `${l} × ${r} = ${l * r} candidate pairs`
    },
    {
      kind: 'semi',
      joinId: stage.id,
      title: `${stage.kind === 'SEMI' ? 'Semi' : 'Anti'}-join: ${stage.written}`,
      narration: `${rule} It keeps ${stage.output.length} of ${l}.${trap}`,
      counter: `${l} → ${stage.output.length} rows`,
      prediction: { question: `How many of the ${l} rows does ${stage.written} keep?`, answer: stage.output.length }
    }
  ]
}

function countTrapped(stage: JoinStage): number {
  const byLeft = new Map<number, (boolean | null)[]>()
  for (const p of stage.pairs) byLeft.set(p.left, [...(byLeft.get(p.left) ?? []), p.on])
  return [...byLeft.values()].filter((v) => !v.includes(true) && v.includes(null)).length
}
