/**
 * Which calls of a statement act outside its transaction, found in the parse tree.
 *
 * What Explain Analyze and the lock probe name before running ("this calls
 * nextval: it advances a sequence") and report after the rollback.
 */
import { outsideEffectOf } from './outside-effects'
import { calledName, walkParseTree } from './parse-tree'
import { parseStatements, type ParsedStatement } from './sql-parser'

export interface OutsideEffectCall {
  /** The function as called, without its schema. */
  function: string
  /** What a rollback cannot undo. */
  effect: string
}

/** Every distinct call of a listed function in the parsed statements. */
export function outsideEffectCalls(statements: ParsedStatement[]): OutsideEffectCall[] {
  const found = new Map<string, OutsideEffectCall>()
  for (const { stmt } of statements) {
    walkParseTree(stmt, (key, value) => {
      if (key !== 'FuncCall') return
      const name = calledName(value)
      const entry = outsideEffectOf(name)
      if (entry && !found.has(name)) found.set(name, { function: name, effect: entry.effect })
    })
  }
  return [...found.values()]
}

/** The same, from SQL text; text PostgreSQL cannot parse calls nothing (the server will say why). */
export async function findOutsideEffectCalls(sql: string): Promise<OutsideEffectCall[]> {
  return outsideEffectCalls((await parseStatements(sql)) ?? [])
}

