/**
 * A join chosen with the Joins tab's picker instead of typed: two or three
 * tables, each joined to those before it by a join type and an ON column
 * equality or a USING column. Pure data, validated at the API door; the
 * engine turns it into SQL through a parse tree (join-pick-sql.ts), never by
 * gluing the names into text.
 */
import { z } from 'zod'

export const pickJoinKinds = ['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS'] as const
export type PickJoinKind = (typeof pickJoinKinds)[number]

const identifier = z.string().min(1).max(63)

const pickConditionSchema = z.discriminatedUnion('type', [
  /** `earlier.column = new.column`, where `leftTable` indexes a table already in the join. */
  z.object({ type: z.literal('on'), leftTable: z.number().int().min(0).max(1), leftColumn: identifier, rightColumn: identifier }),
  z.object({ type: z.literal('using'), column: identifier }),
  z.object({ type: z.literal('none') })
])
export type PickCondition = z.infer<typeof pickConditionSchema>

export const joinPickSchema = z
  .object({
    tables: z.array(z.object({ schema: identifier, name: identifier })).min(2).max(3),
    /** `joins[i]` joins tables[0..i] with tables[i + 1]. */
    joins: z.array(z.object({ kind: z.enum(pickJoinKinds), condition: pickConditionSchema })).min(1).max(2)
  })
  .superRefine((pick, ctx) => {
    if (pick.joins.length !== pick.tables.length - 1) ctx.addIssue({ code: 'custom', message: 'one join per table after the first' })
    pick.joins.forEach((join, i) => {
      if ((join.kind === 'CROSS') !== (join.condition.type === 'none')) ctx.addIssue({ code: 'custom', message: `join ${i + 1}: CROSS JOIN and only CROSS JOIN has no condition`, path: ['joins', i] })
      if (join.condition.type === 'on' && join.condition.leftTable > i) ctx.addIssue({ code: 'custom', message: `join ${i + 1}: the ON column must come from a table already joined`, path: ['joins', i] })
    })
  })
export type JoinPick = z.infer<typeof joinPickSchema>

/** The short names the picked tables get in the SQL (m, l… ; m2 for a second members). */
export function pickAliases(tables: readonly { name: string }[]): string[] {
  const used = new Set<string>()
  return tables.map((t) => {
    const first = t.name.charAt(0).toLowerCase()
    const base = /[a-z]/.test(first) ? first : 't'
    let alias = base
    for (let n = 2; used.has(alias); n++) alias = `${base}${n}`
    used.add(alias)
    return alias
  })
}
