/**
 * `tusk joins --db <url> --sql "<query>" [--sample N] [--first-rows] [--json]`: the join
 * stepper headless, for tests and course material. The JSON holds the sampled
 * inputs, every candidate pair with its verdict, the padded rows and the final
 * rows (`columns` + `rows`, and `result` as objects when the names are unique).
 * A query the stepper cannot show exits 2 with the reason.
 */
import pg from 'pg'
import { UnsupportedJoinQuery } from '@shared/joins/join-analysis'
import type { JoinSteps } from '@shared/joins/join-model'
import { AppError } from '@shared/base/app-error'
import { singlePool } from '../core/postgres/pool-provider'
import { JoinsService } from '../core/services/joins/joins-service'

export const defaultSampleSize = 6

export async function joinsCommand(options: { db: string; sql: string; sample: number; interestingRows?: boolean; json: boolean }, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const pool = new pg.Pool({ connectionString: options.db, application_name: 'Tusk join stepper', max: 1 })
  try {
    const service = new JoinsService({ pools: singlePool(pool) })
    const steps = await service.steps('cli', { sql: options.sql, sampleSize: options.sample, interestingRows: options.interestingRows ?? true })
    if (options.json) out(JSON.stringify(steps))
    else for (const line of renderSteps(steps)) out(line)
    return 0
  } catch (error) {
    if (error instanceof UnsupportedJoinQuery || (AppError.is(error) && error.data.code === 'joins/unsupported')) {
      err(`tusk joins: ${error.message}`)
      return 2
    }
    if (AppError.is(error) && error.data.sqlstate) {
      err(`tusk joins: the query failed: ${error.message}`)
      return 2
    }
    throw error
  } finally {
    await pool.end()
  }
}

/** The steps as a terminal reads them: narration with counters, then the result. */
export function renderSteps(steps: JoinSteps): string[] {
  const lines = steps.steps.map((s) => `${s.title}\n  ${s.narration}\n  [${s.counter}]`)
  lines.push('', steps.columns.join(' | '))
  for (const row of steps.rows) lines.push(row.map((v) => v ?? 'NULL').join(' | '))
  for (const w of steps.warnings) lines.push(`warning: ${w}`)
  return lines
}
