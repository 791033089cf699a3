/**
 * A server error in the words psql would use.
 *
 * Every service shows a failed statement the same way: SQLSTATE, detail, hint
 * and the position the editor underlines. Errors without a SQLSTATE (a socket
 * that closed, a driver complaint) keep their message under `query/failed`.
 */
import { AppError, type AppErrorData } from '@shared/base/app-error'

/** "cannot execute DELETE in a read-only transaction". */
const readOnlyTransaction = '25006'

/** Whether the error carries a five-character SQLSTATE, i.e. the server itself refused the statement. */
export function hasSqlState(error: unknown): boolean {
  return /^[0-9A-Z]{5}$/.test((error as { code?: string }).code ?? '')
}

/** A server error with everything psql shows: SQLSTATE, detail, hint, position. */
export function postgresError(error: unknown): AppErrorData {
  if (AppError.is(error)) return error.data
  const e = error as { message?: string; code?: string; detail?: string; hint?: string; position?: string }
  const sqlstate = hasSqlState(error) ? e.code : undefined
  const data: AppErrorData = { code: sqlstate ? 'pg/error' : 'query/failed', message: e.message || String(error) }
  if (sqlstate) data.sqlstate = sqlstate
  if (e.detail) data.detail = e.detail
  if (e.hint) data.hint = e.hint
  else if (sqlstate === readOnlyTransaction) data.hint = 'The session is read-only: the connection is marked Read-only in Tusk, or the transaction was begun READ ONLY.'
  if (e.position) data.position = Number(e.position)
  return data
}
