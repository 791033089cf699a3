/**
 * "What does this statement lock?": run it for real inside BEGIN … ROLLBACK
 * (with lock_timeout and statement_timeout), and read its backend's pg_locks
 * from a second connection before rolling back — an aborted transaction still
 * holds its locks but cannot be asked about them itself.
 */
import { isLockMode, conflictingModes } from '@shared/locks/lock-modes'
import type { StatementLocks } from '@shared/locks/statement-locks'
import { AppError } from '@shared/base/app-error'
import { connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { postgresError } from '../../postgres/postgres-error'
import { inRolledBackTransaction } from '../../postgres/rolled-back-transaction'
import { confirmOutsideEffects, guardHiddenEffects } from '../../postgres/run-confirmation'
import { notUndoneEffects } from '@shared/sql/rollback-note'
import { connectedPid } from '../../postgres/session-facts'
import { statementUnderCursor } from '../../postgres/statement-under-cursor'

export const probeLockTimeoutMs = 3000
const probeStatementTimeoutMs = 30_000

export class StatementLockProbe {
  constructor(private readonly options: { pools: PoolProvider }) {}

  async probe(input: { connectionId: string; sql: string; cursorOffset?: number; confirmEffects?: boolean }): Promise<StatementLocks> {
    const { pools } = this.options
    if (pools.isReadOnly(input.connectionId)) {
      throw new AppError({ code: 'locks/read-only', message: 'This connection is read-only: the statement cannot run, even inside a rolled-back transaction.' })
    }
    const statement = await statementUnderCursor(input.sql, input.cursorOffset, 'inspect')
    const calls = await confirmOutsideEffects(statement.text, input.confirmEffects ?? false)
    try {
      return await inRolledBackTransaction(pools, input.connectionId, async (client, pool) => {
        calls.push(...(await guardHiddenEffects(pools, input.connectionId, client, statement.text, { confirmed: input.confirmEffects ?? false })))
        const started = performance.now()
        await client.query(`set local lock_timeout = ${probeLockTimeoutMs}`)
        await client.query(`set local statement_timeout = ${probeStatementTimeoutMs}`)
        let error: StatementLocks['error'] = null
        try {
          await client.query(statement.text)
        } catch (e) {
          error = postgresError(e)
        }
        const durationMs = performance.now() - started
        const locks = await pool.query<{ locktype: string; mode: string; granted: boolean; relation: string | null }>(
          `select l.locktype, l.mode, l.granted,
                  case when l.relation is not null then coalesce(n.nspname || '.' || c.relname, l.relation::text) end as relation
             from pg_locks l
             left join pg_class c on c.oid = l.relation and l.database = (select oid from pg_database where datname = current_database())
             left join pg_namespace n on n.oid = c.relnamespace
            where l.pid = $1 and l.locktype <> 'virtualxid'
            order by (l.locktype <> 'relation'), n.nspname = 'pg_catalog', relation, l.mode`,
          [connectedPid(client)]
        )
        return {
          statement: statement.text,
          locks: locks.rows.map((l) => ({ ...l, conflictsWith: l.locktype === 'relation' && isLockMode(l.mode) ? [...conflictingModes(l.mode)] : [] })),
          error,
          durationMs,
          lockTimeoutMs: probeLockTimeoutMs,
          notUndone: notUndoneEffects(calls)
        }
        // The statement ran for real: whatever it did to the session goes with it.
      }, { discard: true })
    } catch (error) {
      throw connectionError(pools, input.connectionId, error)
    }
  }
}
