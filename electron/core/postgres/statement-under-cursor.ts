/**
 * Which statement of the editor's text a request is about.
 *
 * Run, Explain and the lock probe all take the whole text and, optionally,
 * where the cursor is: they split the text the way PostgreSQL's own parser
 * does and pick from it the same way, or say there is nothing to pick.
 */
import { AppError } from '@shared/base/app-error'
import { splitStatements, statementAt, type SqlStatement } from '@shared/sql/split-statements'

function nothingTo(verb: string): AppError {
  return new AppError({ code: 'query/empty', message: `There is no statement to ${verb}` })
}

/** Every statement of the text, or only the one under the cursor when an offset is given. */
export async function statementsToRun(sql: string, cursorOffset: number | undefined, verb: string): Promise<SqlStatement[]> {
  const all = await splitStatements(sql)
  const chosen = cursorOffset === undefined ? all : [statementAt(all, cursorOffset)].filter((s): s is SqlStatement => s !== null)
  if (chosen.length === 0) throw nothingTo(verb)
  return chosen
}

/** One statement: the one under the cursor, or the first of the text without an offset. */
export async function statementUnderCursor(sql: string, cursorOffset: number | undefined, verb: string): Promise<SqlStatement> {
  const all = await splitStatements(sql)
  const statement = cursorOffset === undefined ? all[0] : statementAt(all, cursorOffset)
  if (!statement) throw nothingTo(verb)
  return statement
}
