/**
 * Calls a rollback cannot undo that hide inside the user's own functions.
 *
 * The parse tree shows `select my_fn(1)`, not that my_fn calls nextval; and
 * the planner runs an IMMUTABLE function with constant arguments while it
 * plans, so even a plain EXPLAIN can advance a sequence. The definitions of the
 * functions a statement calls (SQL and PL languages, one level deep) are read
 * from the catalog and searched for the listed names.
 */
import type pg from 'pg'
import { outsideEffects } from '@shared/sql/outside-effects'
import type { OutsideEffectCall } from '@shared/sql/outside-effect-calls'
import { calledName, walkParseTree } from '@shared/sql/parse-tree'
import { parseEach } from '@shared/sql/sql-parser'

/** "my_fn calls nextval, which advances a sequence …", one per listed function found in a called function's definition. */
export async function outsideEffectsInsideFunctions(client: pg.ClientBase | pg.Pool, statements: string | string[]): Promise<OutsideEffectCall[]> {
  const names = new Set<string>()
  walkParseTree(await parseEach(statements), (key, value) => {
    if (key === 'FuncCall') names.add(calledName(value))
  })
  if (names.size === 0) return []
  // Built-ins are written in C or internal: only functions with a readable body can hide a call.
  const definitions = await client.query<{ name: string; body: string }>(
    `select p.proname as name, pg_get_functiondef(p.oid) as body
       from pg_proc p join pg_language l on l.oid = p.prolang
      where p.proname = any($1) and p.prokind in ('f', 'a', 'w') and l.lanname not in ('c', 'internal')`,
    [[...names]]
  )
  const found = new Map<string, OutsideEffectCall>()
  for (const { name, body } of definitions.rows) {
    for (const entry of outsideEffects) {
      const pattern = new RegExp(`\\b${entry.name}${entry.prefix ? '\\w*' : ''}\\s*\\(`, 'i')
      const match = pattern.exec(body)
      const key = `${name}:${match?.[0]}`
      if (match && !found.has(key)) found.set(key, { function: name, effect: `calls ${match[0].replace(/\s*\($/, '')}, which ${entry.effect}` })
    }
  }
  return [...found.values()]
}

