/**
 * Apply an index suggestion: CREATE INDEX CONCURRENTLY (no lock that blocks
 * writes), its progress read from pg_stat_progress_create_index by a second
 * session. A concurrent build that fails leaves an INVALID index behind; it is
 * dropped again, so a failed apply leaves nothing.
 */
import type { AdviceItem, ApplyProgress } from '@shared/advice/advice-item'
import { quoteIdentifierIfNeeded } from '@shared/sql/quote-identifier'
import { checkOut, connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { connectedPid } from '../../postgres/session-facts'

export type { ApplyProgress }

const pollMs = 250

export async function applyIndex(
  pools: PoolProvider,
  connectionId: string,
  item: AdviceItem,
  publish: (progress: ApplyProgress) => void = () => {}
): Promise<{ applied: boolean; indexName: string; durationMs: number }> {
  const indexName = item.indexName!
  const base = { connectionId, indexName, phase: 'starting', blocksDone: 0, blocksTotal: 0, tuplesDone: 0, tuplesTotal: 0, done: false, error: null }
  const { pool, client } = await checkOut(pools, connectionId)
  const pid = connectedPid(client)
  let polling = true
  const poll = async () => {
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, pollMs))
      if (!polling) break
      const { rows } = await pool
        .query<{ phase: string; blocks_done: string; blocks_total: string; tuples_done: string; tuples_total: string }>(
          'select phase, blocks_done::text, blocks_total::text, tuples_done::text, tuples_total::text from pg_stat_progress_create_index where pid = $1',
          [pid]
        )
        .catch(() => ({ rows: [] }))
      const row = rows[0]
      if (row && polling) {
        publish({ ...base, phase: row.phase, blocksDone: Number(row.blocks_done), blocksTotal: Number(row.blocks_total), tuplesDone: Number(row.tuples_done), tuplesTotal: Number(row.tuples_total) })
      }
    }
  }
  const started = performance.now()
  const watcher = poll()
  try {
    await client.query(item.statement!)
    publish({ ...base, phase: 'done', done: true })
    return { applied: true, indexName, durationMs: performance.now() - started }
  } catch (error) {
    const target = item.schema ? `${quoteIdentifierIfNeeded(item.schema)}.${quoteIdentifierIfNeeded(indexName)}` : quoteIdentifierIfNeeded(indexName)
    // Only the INVALID index this build left: never one that was there before (a name clash fails with 42P07 and leaves nothing).
    const left = await client.query('select 1 from pg_index where indexrelid = to_regclass($1) and not indisvalid', [target]).catch(() => ({ rows: [] }))
    if (left.rows.length > 0) await client.query(`drop index concurrently if exists ${target}`).catch(() => {})
    const failure = connectionError(pools, connectionId, error)
    publish({ ...base, phase: 'failed', done: true, error: failure.message })
    throw failure
  } finally {
    polling = false
    await watcher
    client.release()
  }
}
