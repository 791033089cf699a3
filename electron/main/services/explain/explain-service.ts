/**
 * Explains that are running, so the editor can cancel one (as it cancels a
 * query: pg_cancel_backend on its backend, from another connection), and so a
 * cancel or the statement_timeout guard reads as what it is, not as a bare
 * "canceling statement due to user request".
 */
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import { cancelBackend } from '../connections/cancel-backend'
import { runExplain, type ExplainInput, type ExplainResult } from './explain-runner'

interface RunningExplain {
  pool: pg.Pool
  pid: number | null
  cancelRequested: boolean
}

const queryCanceled = '57014'

export class ExplainService {
  private readonly running = new Map<string, RunningExplain>()

  async run(pool: pg.Pool, input: ExplainInput & { explainId?: string }): Promise<ExplainResult> {
    const entry: RunningExplain = { pool, pid: null, cancelRequested: false }
    if (input.explainId) this.running.set(input.explainId, entry)
    try {
      return await runExplain(pool, input, (pid) => (entry.pid = pid))
    } catch (error) {
      if (AppError.is(error) && error.data.sqlstate === queryCanceled) {
        throw new AppError(
          entry.cancelRequested
            ? { ...error.data, code: 'query/cancelled', message: 'Cancelled by the user; nothing was changed' }
            : { ...error.data, hint: 'The statement ran longer than the statement_timeout guard (the connection’s own, or 60 s for Explain Analyze) and was rolled back.' }
        )
      }
      throw error
    } finally {
      if (input.explainId) this.running.delete(input.explainId)
    }
  }

  async cancel(explainId: string): Promise<{ cancelled: boolean }> {
    const entry = this.running.get(explainId)
    if (!entry) return { cancelled: false }
    entry.cancelRequested = true
    if (entry.pid === null) return { cancelled: false }
    return { cancelled: await cancelBackend(entry.pool, entry.pid) }
  }
}
