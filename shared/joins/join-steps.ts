/**
 * From the server's verdicts to the stages of each join: its two inputs, every
 * candidate pair, the matched pairs (with fan-out), the outer-join padding and
 * the rows it hands to the next join.
 *
 * PostgreSQL judged every pair; this module only counts and pads, the way the
 * join kinds are defined: INNER keeps true pairs, LEFT/RIGHT/FULL also keep
 * the rows of their preserved side that matched nothing, with NULLs for the
 * other side; SEMI keeps a row with at least one true pair, NOT EXISTS one with
 * none, NOT IN one whose every pair is false (a single NULL drops it).
 */
import type { JoinAnalysis, JoinTree, LogicalJoin, SemiJoin } from './join-analysis'
import type { JoinInput, JoinSide, JoinStage } from './join-model'
import { leavesOf } from './join-sql'
import { columnsOf, valuesOf, type Identity } from './join-values'

export type { Identity }

/** One pair as the server returned it: identities of the two rows and the verdict. */
export interface RawPair {
  left: Identity
  right: Identity
  on: boolean | null
}

const keyOf = (identity: Identity) => identity.join(',')

/** A side's rows as values: each leaf's row (or NULLs where padded), side by side. */
export function sideOf(label: string, leafIds: number[], rows: Identity[], inputs: Map<number, JoinInput>): JoinSide {
  return { label, leaves: leafIds, columns: columnsOf(leafIds, inputs), rows, values: rows.map((identity) => valuesOf(identity, leafIds, inputs)) }
}

export function treeLabel(tree: JoinTree): string {
  if ('leaf' in tree) return tree.leaf.alias
  const j = tree.join
  return `(${treeLabel(j.left)} ${j.written === ',' ? '×' : `${j.kind} JOIN`} ${treeLabel(j.right)})`
}

export class StageBuilder {
  readonly stages = new Map<number, JoinStage>()
  readonly warnings: string[] = []

  constructor(
    private readonly analysis: JoinAnalysis,
    private readonly inputs: Map<number, JoinInput>
  ) {}

  /** The rows a tree produces: a leaf's sample, or its join's output. */
  rowsOf(tree: JoinTree): Identity[] {
    if ('leaf' in tree) return this.inputs.get(tree.leaf.id)!.rows.map((_, i) => [i + 1])
    const stage = this.stages.get(tree.join.id)
    if (!stage) throw new Error(`internal: join ${tree.join.id} has no stage yet`)
    return stage.output
  }

  join(join: LogicalJoin, raw: RawPair[]): JoinStage {
    const leftLeaves = leavesOf(join.left).map((l) => l.id)
    const rightLeaves = leavesOf(join.right).map((l) => l.id)
    const left = sideOf(treeLabel(join.left), leftLeaves, this.rowsOf(join.left), this.inputs)
    const right = sideOf(treeLabel(join.right), rightLeaves, this.rowsOf(join.right), this.inputs)
    const pairs = this.pairs(join.id, left, right, raw)
    const stage = this.assemble(join, left, right, pairs)
    this.stages.set(join.id, stage)
    return stage
  }

  semi(semi: SemiJoin, outerRows: Identity[], raw: RawPair[]): JoinStage {
    const outerLeaves = this.analysis.fromLeaves.map((l) => l.id)
    const innerLeaves = leavesOf(semi.inner).map((l) => l.id)
    const left = sideOf('FROM', outerLeaves, outerRows, this.inputs)
    const right = sideOf(treeLabel(semi.inner), innerLeaves, this.rowsOf(semi.inner), this.inputs)
    const pairs = this.pairs(semi.id, left, right, raw)
    const byLeft = groupVerdicts(pairs, left.rows.length)
    const keep = (verdicts: (boolean | null)[]) =>
      semi.written === 'NOT IN' ? verdicts.every((v) => v === false) : semi.kind === 'SEMI' ? verdicts.some((v) => v === true) : !verdicts.some((v) => v === true)
    const output = left.rows.filter((_, i) => keep(byLeft[i]!))
    const stage: JoinStage = {
      id: semi.id,
      kind: semi.kind,
      written: semi.written,
      condition: semi.condition,
      left,
      right,
      pairs,
      matched: pairs.filter((p) => p.on === true).length,
      padded: [],
      output,
      fanOut: byLeft.filter((v) => v.filter((x) => x === true).length > 1).length
    }
    this.stages.set(semi.id, stage)
    return stage
  }

  private pairs(id: number, left: JoinSide, right: JoinSide, raw: RawPair[]): JoinStage['pairs'] {
    const leftIndex = new Map(left.rows.map((r, i) => [keyOf(r), i]))
    const rightIndex = new Map(right.rows.map((r, i) => [keyOf(r), i]))
    const pairs: JoinStage['pairs'] = []
    for (const p of raw) {
      const l = leftIndex.get(keyOf(p.left))
      const r = rightIndex.get(keyOf(p.right))
      if (l === undefined || r === undefined) {
        this.warnings.push(`join ${id}: the server returned a pair of rows the stepper did not expect (${keyOf(p.left)} × ${keyOf(p.right)})`)
        continue
      }
      pairs.push({ left: l, right: r, on: p.on })
    }
    pairs.sort((a, b) => a.left - b.left || a.right - b.right)
    if (pairs.length !== left.rows.length * right.rows.length) this.warnings.push(`join ${id}: ${pairs.length} pairs judged, ${left.rows.length} × ${right.rows.length} expected`)
    return pairs
  }

  private assemble(join: LogicalJoin, left: JoinSide, right: JoinSide, pairs: JoinStage['pairs']): JoinStage {
    const output: Identity[] = []
    const leftMatched = new Array<number>(left.rows.length).fill(0)
    const rightMatched = new Array<number>(right.rows.length).fill(0)
    for (const p of pairs) {
      if (p.on !== true) continue
      leftMatched[p.left]! += 1
      rightMatched[p.right]! += 1
      output.push([...left.rows[p.left]!, ...right.rows[p.right]!])
    }
    const padded: JoinStage['padded'] = []
    const nullsLeft = left.leaves.map(() => null)
    const nullsRight = right.leaves.map(() => null)
    if (join.kind === 'LEFT' || join.kind === 'FULL') {
      leftMatched.forEach((n, i) => {
        if (n > 0) return
        output.push([...left.rows[i]!, ...nullsRight])
        padded.push({ side: 'left', row: i, values: [...left.values[i]!, ...right.columns.map(() => null)] })
      })
    }
    if (join.kind === 'RIGHT' || join.kind === 'FULL') {
      rightMatched.forEach((n, i) => {
        if (n > 0) return
        output.push([...nullsLeft, ...right.rows[i]!])
        padded.push({ side: 'right', row: i, values: [...left.columns.map(() => null), ...right.values[i]!] })
      })
    }
    return {
      id: join.id,
      kind: join.kind,
      written: join.written,
      condition: join.condition,
      left,
      right,
      pairs,
      matched: pairs.filter((p) => p.on === true).length,
      padded,
      output,
      fanOut: leftMatched.filter((n) => n > 1).length
    }
  }
}

function groupVerdicts(pairs: JoinStage['pairs'], leftCount: number): (boolean | null)[][] {
  const byLeft: (boolean | null)[][] = Array.from({ length: leftCount }, () => [])
  for (const p of pairs) byLeft[p.left]!.push(p.on)
  return byLeft
}

/** Three-valued AND, as SQL evaluates a WHERE of several conjuncts. */
export function and3(values: (boolean | null)[]): boolean | null {
  if (values.some((v) => v === false)) return false
  return values.some((v) => v === null) ? null : true
}
