/**
 * What the user reads after a statement ran inside BEGIN … ROLLBACK.
 *
 * "Rolled back; nothing was changed" is only true when nothing the statement
 * called acts outside the transaction; otherwise the note names what stays.
 */
import type { OutsideEffectCall } from './outside-effect-calls'

/** The effects a rollback could not undo, one phrase each ("nextval advances a sequence …"). */
export function notUndoneEffects(calls: OutsideEffectCall[]): string[] {
  return calls.map((call) => `${call.function} ${call.effect}`)
}

/** "Rolled back; nothing was changed." or "Rolled back, but a rollback cannot undo this: …". */
export function rollbackNote(notUndone: string[]): string {
  if (notUndone.length === 0) return 'Rolled back; nothing was changed.'
  return `Rolled back, but a rollback cannot undo this: ${notUndone.join('; ')}.`
}
