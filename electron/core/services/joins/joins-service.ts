/**
 * The join stepper's service: one run inside a transaction that is always
 * rolled back (the user's query may call functions), repeatable read so every
 * query of the run sees the same rows, under a statement_timeout guard.
 */
import { AppError } from '@shared/base/app-error'
import { UnsupportedJoinQuery } from '@shared/joins/join-analysis'
import type { JoinSteps } from '@shared/joins/join-model'
import type { JoinPick } from '@shared/joins/join-pick'
import { pickedJoinSql } from '@shared/joins/join-pick-sql'
import { failureData, type PoolProvider } from '../../postgres/pool-provider'
import { inRolledBackTransaction } from '../../postgres/rolled-back-transaction'
import { statementUnderCursor } from '../../postgres/statement-under-cursor'
import { runJoinSteps } from './join-runner'

const stepTimeout = '30s'

export class JoinsService {
  constructor(private readonly options: { pools: PoolProvider }) {}

  /**
   * `cursorOffset` picks the statement under the editor's cursor; without it `sql` is one statement.
   * A `pick` from the picker is turned into SQL through the parse tree (names never glued into text).
   */
  async steps(connectionId: string, input: { sql?: string; pick?: JoinPick; sampleSize: number; cursorOffset?: number; interestingRows?: boolean }): Promise<JoinSteps> {
    const { pools } = this.options
    const sql = await this.queryOf(input)
    try {
      return await inRolledBackTransaction(pools, connectionId, async (client) => {
        await client.query('set transaction isolation level repeatable read')
        const current = (await client.query<{ t: string }>("select current_setting('statement_timeout') as t")).rows[0]!.t
        if (current === '0') await client.query(`set local statement_timeout = '${stepTimeout}'`)
        return await runJoinSteps(client, sql, { sampleSize: input.sampleSize, interestingRows: input.interestingRows ?? true })
      })
    } catch (error) {
      if (error instanceof UnsupportedJoinQuery) throw new AppError({ code: 'joins/unsupported', message: error.message })
      if (AppError.is(error)) throw error
      throw new AppError(failureData(pools, connectionId, error))
    }
  }

  private async queryOf(input: { sql?: string; pick?: JoinPick; cursorOffset?: number }): Promise<string> {
    if (input.pick) return pickedJoinSql(input.pick)
    if (input.sql === undefined) throw new AppError({ code: 'joins/unsupported', message: 'Give a query or pick the tables to join.' })
    return input.cursorOffset === undefined ? input.sql : (await statementUnderCursor(input.sql, input.cursorOffset, 'step through')).text
  }
}
