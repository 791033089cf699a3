/**
 * What a read-only connection refuses before anything reaches the server.
 *
 * The server keeps plain writes out (`default_transaction_read_only` from the
 * startup packet, restored by the session reset); this refuses what it would
 * let through: statements that turn read-only off, COPY to a file or program,
 * ALTER SYSTEM, calls that act outside the transaction (shared/sql's list),
 * and the app's own actions on other sessions (cancel, terminate, the lock
 * scenario). Every path that sends user SQL or acts on the server asks here.
 */
import { AppError } from '@shared/base/app-error'
import type { OutsideEffectCall } from '@shared/sql/outside-effect-calls'
import { findReadOnlyRefusals } from '@shared/sql/read-only-refusals'
import { statementEffect } from '@shared/sql/statement-effects'
import { outsideEffectsInsideFunctions } from './hidden-effects'
import { connectionError, type PoolProvider } from './pool-provider'

export const readOnlyErrorCode = 'query/read-only'

const boundary = 'Read-only in Tusk is a guard against mistakes; the security boundary is a role with only SELECT rights.'

/** Throws `query/read-only` when the connection is read-only and the SQL could write or act outside the session. */
export async function refuseOnReadOnly(pools: PoolProvider, connectionId: string, sql: string | string[]): Promise<void> {
  if (!pools.isReadOnly(connectionId)) return
  const reasons = await findReadOnlyRefusals(sql)
  if (reasons.length === 0) reasons.push(...(await callsInsideFunctions(pools, connectionId, sql)))
  if (reasons.length === 0) return
  throw new AppError({ code: readOnlyErrorCode, message: `This connection is read-only: ${reasons.join('; ')}.`, hint: boundary })
}

/** A function of the user's that calls dblink, lo_export…, one level deep (the catalog is read from the pool). */
async function callsInsideFunctions(pools: PoolProvider, connectionId: string, sql: string | string[]): Promise<string[]> {
  try {
    return (await outsideEffectsInsideFunctions(pools.pool(connectionId), sql)).map((call) => `${call.function} ${call.effect}`)
  } catch (error) {
    throw connectionError(pools, connectionId, error)
  }
}

/** Throws `query/read-only` when the connection is read-only and the statement writes (an export re-runs it). */
export async function refuseWritesOnReadOnly(pools: PoolProvider, connectionId: string, sql: string): Promise<void> {
  if (!pools.isReadOnly(connectionId)) return
  await refuseOnReadOnly(pools, connectionId, sql)
  if ((await statementEffect(sql)) !== 'writes') return
  throw new AppError({ code: readOnlyErrorCode, message: 'This connection is read-only: this statement writes, so it cannot be exported.', hint: boundary })
}

/** Throws `query/read-only` naming calls found inside the user's functions, on a read-only connection. */
export function refuseCallsOnReadOnly(pools: PoolProvider, connectionId: string, calls: OutsideEffectCall[]): void {
  if (calls.length === 0 || !pools.isReadOnly(connectionId)) return
  throw new AppError({ code: readOnlyErrorCode, message: `This connection is read-only: ${calls.map((call) => `${call.function} ${call.effect}`).join('; ')}.`, hint: boundary })
}

/** Throws `query/read-only` for an action on other sessions or the server (cancel, terminate, the lock scenario). */
export function refuseActionOnReadOnly(pools: PoolProvider, connectionId: string, action: string): void {
  if (!pools.isReadOnly(connectionId)) return
  throw new AppError({ code: readOnlyErrorCode, message: `This connection is read-only: ${action} is turned off.`, hint: boundary })
}
