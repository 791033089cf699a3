/**
 * The picker's form while it is being filled in: tables chosen from the
 * schema (with their columns), a join type and a condition per join. A guess
 * fills the condition the way a learner would write it (loans.member_id =
 * members.id); `pickOf` turns a complete draft into the API's JoinPick.
 */
import type { JoinPick, PickJoinKind } from './join-pick'

export interface PickTable {
  schema: string
  name: string
  columns: string[]
}

export interface DraftJoin {
  kind: PickJoinKind
  mode: 'on' | 'using'
  leftTable: number
  leftColumn: string
  rightColumn: string
  using: string
}

export interface PickDraft {
  tables: (PickTable | null)[]
  joins: DraftJoin[]
}

export const emptyDraft: PickDraft = { tables: [null, null], joins: [blankJoin()] }

export function blankJoin(kind: PickJoinKind = 'INNER'): DraftJoin {
  return { kind, mode: 'on', leftTable: 0, leftColumn: '', rightColumn: '', using: '' }
}

const singular = (name: string) => name.toLowerCase().replace(/s$/, '')

/** Columns the new table shares by name with a table already joined (USING candidates). */
export function commonColumns(draft: PickDraft, join: number): string[] {
  const right = draft.tables[join + 1]
  const earlier = new Set(draft.tables.slice(0, join + 1).flatMap((t) => t?.columns ?? []))
  return right ? right.columns.filter((c) => earlier.has(c)) : []
}

/** The condition a learner would most likely write between the tables so far and table `join + 1`. */
export function guessCondition(draft: PickDraft, join: number): Pick<DraftJoin, 'leftTable' | 'leftColumn' | 'rightColumn' | 'using'> {
  const right = draft.tables[join + 1]
  const common = commonColumns(draft, join)
  const using = common.find((c) => c !== 'id') ?? common[0] ?? ''
  if (!right) return { leftTable: 0, leftColumn: '', rightColumn: '', using }
  for (let t = 0; t <= join; t++) {
    const left = draft.tables[t]
    if (!left) continue
    // loans.member_id = members.id, or members.id = loans.member_id the other way round.
    const rightRef = right.columns.find((c) => c === `${singular(left.name)}_id`)
    if (rightRef && left.columns.includes('id')) return { leftTable: t, leftColumn: 'id', rightColumn: rightRef, using }
    const leftRef = left.columns.find((c) => c === `${singular(right.name)}_id`)
    if (leftRef && right.columns.includes('id')) return { leftTable: t, leftColumn: leftRef, rightColumn: 'id', using }
  }
  const shared = common.find((c) => c !== 'id') ?? common[0]
  const leftTable = shared ? draft.tables.findIndex((t, i) => i <= join && t?.columns.includes(shared)) : 0
  return { leftTable, leftColumn: shared ?? draft.tables[0]?.columns[0] ?? '', rightColumn: shared ?? right.columns[0] ?? '', using }
}

/** The API request for a complete draft, or null while something is still missing. */
export function pickOf(draft: PickDraft): JoinPick | null {
  if (draft.tables.some((t) => !t)) return null
  const joins: JoinPick['joins'] = []
  for (const j of draft.joins) {
    if (j.kind === 'CROSS') joins.push({ kind: 'CROSS', condition: { type: 'none' } })
    else if (j.mode === 'using') {
      if (!j.using) return null
      joins.push({ kind: j.kind, condition: { type: 'using', column: j.using } })
    } else {
      if (!j.leftColumn || !j.rightColumn) return null
      joins.push({ kind: j.kind, condition: { type: 'on', leftTable: j.leftTable, leftColumn: j.leftColumn, rightColumn: j.rightColumn } })
    }
  }
  return { tables: draft.tables.map((t) => ({ schema: t!.schema, name: t!.name })), joins }
}
