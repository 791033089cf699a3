/**
 * A joined row's values from its identity: each leaf's sampled row side by
 * side, NULLs where an outer join padded that leaf. Pure, for both sides.
 */
import type { JoinInput } from './join-model'

export type Identity = (number | null)[]

export function valuesOf(identity: Identity, leafIds: number[], inputs: Map<number, JoinInput>): (string | null)[] {
  return leafIds.flatMap((id, i) => {
    const input = inputs.get(id)!
    const rn = identity[i]
    return rn == null ? input.columns.map(() => null) : input.rows[rn - 1]!
  })
}

/** Column labels `alias.column` of the leaves, in order. */
export function columnsOf(leafIds: number[], inputs: Map<number, JoinInput>): string[] {
  return leafIds.flatMap((id) => inputs.get(id)!.columns.map((c) => `${inputs.get(id)!.alias}.${c}`))
}
