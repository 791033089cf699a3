/**
 * What needs the user's yes before it runs: the same rules for Run, Export,
 * Explain Analyze and the lock probe.
 *
 * UPDATE or DELETE of every row asks (`query/needs-confirmation`); so does a
 * statement that runs inside BEGIN … ROLLBACK but calls something the rollback
 * cannot undo (`query/effects-need-confirmation`, naming each call).
 */
import { AppError } from '@shared/base/app-error'
import { findUnboundedWrites } from '@shared/sql/dangerous-statements'
import { findOutsideEffectCalls, type OutsideEffectCall } from '@shared/sql/outside-effect-calls'
import { notUndoneEffects } from '@shared/sql/rollback-note'
import type pg from 'pg'
import { outsideEffectsInsideFunctions } from './hidden-effects'
import type { PoolProvider } from './pool-provider'
import { refuseCallsOnReadOnly } from './read-only-guard'

/** Throws `query/needs-confirmation` when a statement changes every row of a table and that was not confirmed. */
export async function refuseUnconfirmedUnboundedWrites(statements: string[], confirmed: boolean): Promise<void> {
  if (confirmed) return
  const perStatement = await Promise.all(statements.map(async (text) => ({ text, found: await findUnboundedWrites(text) })))
  const concerned = perStatement.filter((s) => s.found.length > 0)
  if (concerned.length === 0) return
  const what = concerned.flatMap((s) => s.found.map((f) => `${f.kind} of every row of ${f.relation}`)).join(', ')
  throw new AppError({
    code: 'query/needs-confirmation',
    message: `This would run an ${what} (no WHERE clause).`,
    // The statements themselves, so the confirmation shows what will run.
    detail: concerned.map((s) => s.text.trim()).join('\n\n'),
    hint: 'Confirm to run it anyway.'
  })
}

/**
 * The calls a rollback cannot undo; throws `query/effects-need-confirmation`
 * naming them when there are some and they were not confirmed.
 */
export async function confirmOutsideEffects(statement: string, confirmed: boolean): Promise<OutsideEffectCall[]> {
  const calls = await findOutsideEffectCalls(statement)
  requireConfirmedEffects(calls, confirmed, undefined, statement)
  return calls
}

/** Throws `query/effects-need-confirmation` naming `calls`, unless there are none or they were confirmed. */
export function requireConfirmedEffects(calls: OutsideEffectCall[], confirmed: boolean, context = 'It runs inside BEGIN … ROLLBACK, but', statement?: string): void {
  if (calls.length === 0 || confirmed) return
  throw new AppError({
    code: 'query/effects-need-confirmation',
    message: `${context} a rollback cannot undo this: ${notUndoneEffects(calls).join('; ')}.`,
    // The statement itself, so the confirmation shows what will run.
    ...(statement === undefined ? {} : { detail: statement.trim() }),
    hint: 'Confirm to run it anyway.'
  })
}

/**
 * Before Explain or the lock probe runs a statement on `client`: the calls its
 * functions hide are refused on a read-only connection, else must be confirmed.
 */
export async function guardHiddenEffects(
  pools: PoolProvider,
  connectionId: string,
  client: pg.ClientBase,
  statement: string,
  options: { confirmed: boolean; context?: string }
): Promise<OutsideEffectCall[]> {
  const hidden = await outsideEffectsInsideFunctions(client, statement)
  refuseCallsOnReadOnly(pools, connectionId, hidden)
  requireConfirmedEffects(hidden, options.confirmed, options.context, statement)
  return hidden
}
