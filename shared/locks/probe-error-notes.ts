/**
 * What a failed probe means for its (empty) list of locks.
 *
 * PostgreSQL releases an aborted transaction's locks at once, so a statement
 * that fails shows none; the SQLSTATEs a probe meets most get a sentence
 * saying why, so an empty table never stands alone.
 */
import type { AppErrorData } from '../base/app-error'

export function probeErrorNote(error: AppErrorData, limits: { lockTimeoutMs: number }): string {
  switch (error.sqlstate) {
    case '55P03':
      return `Another session holds a conflicting lock: this statement would have waited for it. The probe gives up after ${limits.lockTimeoutMs / 1000} s (lock_timeout), so other sessions never queue behind it for long.`
    case '25001':
      return 'It cannot run inside a transaction block, so it was not tried: the probe only runs what it can roll back.'
    case '57014':
      return 'It ran past the probe’s statement_timeout and was cancelled, so the locks it held were released with it.'
    default:
      return 'A statement that fails holds no locks afterwards (PostgreSQL releases them with the failed transaction), so none are listed.'
  }
}
