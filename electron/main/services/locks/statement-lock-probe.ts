/**
 * "What does this statement lock?": run it for real inside BEGIN … ROLLBACK
 * (with lock_timeout and statement_timeout), and read its backend's pg_locks
 * from a second connection before rolling back — an aborted transaction still
 * holds its locks but cannot be asked about them itself.
 */
import pg from 'pg'
import { isLockMode, conflictingModes } from '@shared/locks/lock-modes'
import type { StatementLocks } from '@shared/locks/statement-locks'
import { AppError } from '@shared/base/app-error'
import { splitStatements, statementAt } from '@shared/sql/split-statements'
import { postgresError } from '../query/query-service'

export const probeLockTimeoutMs = 3000
const probeStatementTimeoutMs = 30_000

export async function probeStatementLocks(
  pools: { pool(id: string): pg.Pool; isReadOnly?(id: string): boolean },
  input: { connectionId: string; sql: string; cursorOffset?: number }
): Promise<StatementLocks> {
  if (pools.isReadOnly?.(input.connectionId)) {
    throw new AppError({ code: 'locks/read-only', message: 'This connection is read-only: the statement cannot run, even inside a rolled-back transaction.' })
  }
  const statements = await splitStatements(input.sql)
  const statement = input.cursorOffset === undefined ? statements[0] : statementAt(statements, input.cursorOffset)
  if (!statement) throw new AppError({ code: 'query/empty', message: 'There is no statement to inspect' })
  const pool = pools.pool(input.connectionId)
  const client = await pool.connect()
  let broken: Error | undefined
  const started = performance.now()
  try {
    await client.query('begin')
    await client.query(`set local lock_timeout = ${probeLockTimeoutMs}`)
    await client.query(`set local statement_timeout = ${probeStatementTimeoutMs}`)
    let error: StatementLocks['error'] = null
    try {
      await client.query(statement.text)
    } catch (e) {
      error = postgresError(e)
    }
    const durationMs = performance.now() - started
    const pid = (client as unknown as { processID: number }).processID
    const locks = await pool.query<{ locktype: string; mode: string; granted: boolean; relation: string | null }>(
      `select l.locktype, l.mode, l.granted,
              case when l.relation is not null then coalesce(n.nspname || '.' || c.relname, l.relation::text) end as relation
         from pg_locks l
         left join pg_class c on c.oid = l.relation and l.database = (select oid from pg_database where datname = current_database())
         left join pg_namespace n on n.oid = c.relnamespace
        where l.pid = $1 and l.locktype <> 'virtualxid'
        order by (l.locktype <> 'relation'), n.nspname = 'pg_catalog', relation, l.mode`,
      [pid]
    )
    return {
      statement: statement.text,
      locks: locks.rows.map((l) => ({ ...l, conflictsWith: l.locktype === 'relation' && isLockMode(l.mode) ? [...conflictingModes(l.mode)] : [] })),
      error,
      durationMs,
      lockTimeoutMs: probeLockTimeoutMs
    }
  } catch (e) {
    broken = e as Error
    throw new AppError(postgresError(e))
  } finally {
    await client.query('rollback').catch((e: Error) => (broken ??= e))
    client.release(broken)
  }
}
