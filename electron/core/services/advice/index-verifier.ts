/**
 * Does a suggested index pay? The plan before and after, on one session.
 *
 * With hypopg installed: a hypothetical index and a plain EXPLAIN (any ANALYZE
 * option disables hypopg), on the same session since hypothetical indexes live
 * in one backend, then hypopg_reset(). hypopg models B-trees, not GIN or GiST.
 * Otherwise, on a writable connection: the real index inside a transaction that
 * is always rolled back. CREATE INDEX holds a SHARE lock on the table while it
 * builds (writes wait), so lock_timeout keeps it from queueing behind others.
 */
import type pg from 'pg'
import type { AdviceItem, Verification } from '@shared/advice/advice-item'
import { adviceThresholds as t } from '@shared/advice/advice-thresholds'
import { quoteIdentifierIfNeeded } from '@shared/sql/quote-identifier'
import { explainJson, planFigures, rolledBack } from './plan-explain'

export type VerifyMethod = 'hypopg' | 'rolled-back-index' | 'none'

export interface VerifyOutcome {
  verification: Verification | null
  note: string | null
}

/** How `item` can be checked on this session. */
export function verifyMethodFor(item: AdviceItem, hypopg: boolean, readOnly: boolean): { method: VerifyMethod; note: string | null } {
  if (!item.plainStatement) return { method: 'none', note: null }
  if (hypopg && item.method === 'btree') return { method: 'hypopg', note: null }
  if (!readOnly) return { method: 'rolled-back-index', note: null }
  return {
    method: 'none',
    note: hypopg ? `hypopg cannot model a ${item.method?.toUpperCase()} index, and the connection is read-only: not verified` : 'hypopg is not installed and the connection is read-only: not verified'
  }
}

export function verdictOf(costBefore: number, costAfter: number, used: boolean): Verification['verdict'] {
  const drop = costBefore > 0 ? (costBefore - costAfter) / costBefore : 0
  if (used && drop >= t.recommendedCostDrop) return 'recommended'
  if (used && drop >= t.marginalCostDrop) return 'marginal'
  return 'dropped'
}

/** Whether hypopg is installed in the session's database. */
export async function hasHypopg(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query("select 1 from pg_extension where extname = 'hypopg'")
  return rows.length > 0
}

/** Whether the session may not write (a read-only connection or a standby). */
export async function sessionReadOnly(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ ro: string; recovery: boolean }>("select current_setting('transaction_read_only') as ro, pg_is_in_recovery() as recovery")
  return rows[0]!.ro === 'on' || rows[0]!.recovery
}

async function withHypothetical(client: pg.ClientBase, sql: string, item: AdviceItem): Promise<Verification> {
  const before = planFigures(await explainJson(client, sql, { analyze: false }))
  try {
    const created = await client.query<{ indexname: string }>('select indexname from hypopg_create_index($1)', [item.plainStatement])
    const afterJson = await explainJson(client, sql, { analyze: false })
    const after = planFigures(afterJson)
    const used = after.indexNames.has(created.rows[0]!.indexname)
    return { method: 'hypopg', costBefore: before.cost, costAfter: after.cost, used, verdict: verdictOf(before.cost, after.cost, used), msBefore: null, msAfter: null, planAfterJson: afterJson }
  } finally {
    await client.query('select hypopg_reset()')
  }
}

async function withRolledBackIndex(client: pg.ClientBase, sql: string, item: AdviceItem, analyze: boolean): Promise<Verification> {
  return rolledBack(client, async () => {
    await client.query("set local lock_timeout = '5s'")
    const before = planFigures(await explainJson(client, sql, { analyze }))
    await client.query(item.plainStatement!)
    const afterJson = await explainJson(client, sql, { analyze })
    const after = planFigures(afterJson)
    const used = after.indexNames.has(item.indexName!)
    return { method: 'rolled-back-index', costBefore: before.cost, costAfter: after.cost, used, verdict: verdictOf(before.cost, after.cost, used), msBefore: before.ms, msAfter: after.ms, planAfterJson: afterJson }
  })
}

/** Check `item` for `sql` on `client` (held by the caller for the whole check). */
export async function verifyIndex(client: pg.ClientBase, sql: string, item: AdviceItem, options: { analyze: boolean; hypopg: boolean; readOnly: boolean }): Promise<VerifyOutcome> {
  const { method, note } = verifyMethodFor(item, options.hypopg, options.readOnly)
  if (method === 'none') return { verification: null, note }
  if (method === 'hypopg') return { verification: await withHypothetical(client, sql, item), note: options.analyze ? 'hypopg plans without ANALYZE: costs are the planner’s estimates' : null }
  const gin = options.hypopg ? `hypopg cannot model a ${item.method?.toUpperCase()} index: built for real inside a rolled-back transaction` : null
  return { verification: await withRolledBackIndex(client, sql, item, options.analyze), note: gin }
}

/** What the rolled-back check costs the table, in words, before it runs. */
export async function lockWarning(client: pg.ClientBase, item: AdviceItem): Promise<string> {
  const target = item.schema ? `${item.schema}.${item.table}` : item.table!
  // to_regclass reads a name as SQL does: quote what would otherwise fold to lower case.
  const regclass = item.schema ? `${quoteIdentifierIfNeeded(item.schema)}.${quoteIdentifierIfNeeded(item.table!)}` : quoteIdentifierIfNeeded(item.table!)
  const { rows } = await client.query<{ bytes: string | null; rows: number | null }>(
    'select pg_relation_size(c.oid)::text as bytes, c.reltuples::float8 as rows from pg_class c where c.oid = to_regclass($1)',
    [regclass]
  )
  const bytes = Number(rows[0]?.bytes ?? 0)
  const size = bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : `${(bytes / (1 << 20)).toFixed(1)} MB`
  const count = Math.max(0, Math.round(rows[0]?.rows ?? 0)).toLocaleString('en-US')
  return `Verifying builds the index for real inside a transaction that is rolled back: CREATE INDEX holds a SHARE lock on ${target} (${size}, about ${count} rows) for the build time, so writes to it wait until the check ends.`
}
