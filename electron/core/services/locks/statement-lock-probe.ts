/**
 * "What does this statement lock?": run it for real inside BEGIN … ROLLBACK
 * (with lock_timeout and statement_timeout), and read its backend's pg_locks
 * from a second connection before rolling back, so the reading adds no locks
 * of its own. A statement that fails leaves none to read: PostgreSQL releases
 * an aborted transaction's locks at once.
 *
 * Statements that cannot run in a transaction block (CREATE INDEX
 * CONCURRENTLY, VACUUM…) are never sent: the answer is what the manual says
 * they take. An ALTER … TYPE refused because views use the column names the
 * views. Each lock says whether it is on a relation the statement names or on
 * one it reached without naming it (a foreign key's other table).
 */
import type { StatementLocks } from '@shared/locks/statement-locks'
import { documentedLocks, relationText } from '@shared/locks/documented-locks'
import { alteredColumnTypes, alterTypeRefusedState } from '@shared/locks/blocking-dependents'
import { namedRelations } from '@shared/locks/named-relations'
import { reachedTableOids, toStatementLocks } from '@shared/locks/statement-lock-groups'
import { parseStatements } from '@shared/sql/sql-parser'
import { AppError } from '@shared/base/app-error'
import { connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { postgresError } from '../../postgres/postgres-error'
import { inRolledBackTransaction } from '../../postgres/rolled-back-transaction'
import { confirmOutsideEffects, guardHiddenEffects } from '../../postgres/run-confirmation'
import { notUndoneEffects } from '@shared/sql/rollback-note'
import { connectedPid } from '../../postgres/session-facts'
import { statementUnderCursor } from '../../postgres/statement-under-cursor'
import { columnDependents, lockReasons, readProbedLocks, resolveRelations } from './statement-lock-catalog'

export const probeLockTimeoutMs = 3000
const probeStatementTimeoutMs = 30_000

export class StatementLockProbe {
  constructor(private readonly options: { pools: PoolProvider }) {}

  async probe(input: { connectionId: string; sql: string; cursorOffset?: number; confirmEffects?: boolean }): Promise<StatementLocks> {
    const { pools } = this.options
    const statement = await statementUnderCursor(input.sql, input.cursorOffset, 'inspect')
    const stmt = (await parseStatements(statement.text))?.[0]?.stmt
    // Described, never run: nothing is sent but catalog reads, so read-only connections get the answer too.
    if (documentedLocks(stmt)) return await this.describe(input.connectionId, statement.text, stmt)
    if (pools.isReadOnly(input.connectionId)) {
      throw new AppError({ code: 'locks/read-only', message: 'This connection is read-only: the statement cannot run, even inside a rolled-back transaction.' })
    }
    const calls = await confirmOutsideEffects(statement.text, input.confirmEffects ?? false)
    try {
      const probed = await inRolledBackTransaction(pools, input.connectionId, async (client, pool) => {
        calls.push(...(await guardHiddenEffects(pools, input.connectionId, client, statement.text, { confirmed: input.confirmEffects ?? false })))
        // Resolved before the statement runs: a table it drops or renames is still found by its name.
        const named = await resolveRelations(pool, namedRelations(stmt))
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
        const namedOids = new Set([...named.values()].map((n) => n.oid))
        const locks = await readProbedLocks(pool, connectedPid(client))
        return { locks, namedOids, error, durationMs }
        // The statement ran for real: whatever it did to the session goes with it.
      }, { discard: true })
      // Read after the rollback: the catalog as it stands, with the probe's locks gone.
      const pool = pools.pool(input.connectionId)
      const reasons = await lockReasons(pool, reachedTableOids(probed.locks, probed.namedOids), [...probed.namedOids])
      const altered = probed.error?.sqlstate === alterTypeRefusedState ? alteredColumnTypes(stmt) : null
      return {
        statement: statement.text,
        locks: toStatementLocks(probed.locks, probed.namedOids, reasons),
        error: probed.error,
        durationMs: probed.durationMs,
        lockTimeoutMs: probeLockTimeoutMs,
        notUndone: notUndoneEffects(calls),
        documented: null,
        dependents: altered ? await columnDependents(pool, altered.table, altered.columns) : null
      }
    } catch (error) {
      throw connectionError(pools, input.connectionId, error)
    }
  }

  /** What the manual says a statement that cannot run in a transaction block takes, with the names resolved. */
  private async describe(connectionId: string, text: string, stmt: Record<string, unknown> | undefined): Promise<StatementLocks> {
    const { pools } = this.options
    try {
      const named = await resolveRelations(pools.pool(connectionId), namedRelations(stmt))
      const documented = documentedLocks(stmt, (relation) => named.get(relationText(relation))?.qualified ?? relationText(relation))
      return { statement: text, locks: [], error: null, durationMs: 0, lockTimeoutMs: probeLockTimeoutMs, notUndone: [], documented, dependents: null }
    } catch (error) {
      throw connectionError(pools, connectionId, error)
    }
  }
}
