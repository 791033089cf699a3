/**
 * Exact bloat of one relation with pgstattuple / pgstatindex, when the
 * extension is installed (never installed here: the user is told how).
 * The relation is a regclass bind parameter built from quoted names, never
 * spliced into SQL. Both functions take an ACCESS SHARE lock, which queues
 * behind a pending ALTER TABLE: SET LOCAL lock_timeout makes that a quick,
 * clear failure, and statement_timeout bounds the full scan of a huge table.
 * They only read, so a read-only connection may use them.
 */
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import { quoteIdentifier } from '@shared/sql/quote-identifier'
import { exactIndexBloat, exactTableBloat, pgstattupleInstall, type ExactBloat, type ExactBloatKind } from '@shared/vacuum/exact-bloat'

export const exactBloatLockTimeoutMs = 2000
export const exactBloatStatementTimeoutMs = 60_000

type Queryable = Pick<pg.ClientBase, 'query'>

export async function readExactBloat(db: Queryable, input: { schema: string; name: string; kind: ExactBloatKind }): Promise<ExactBloat> {
  const installed = await db.query<{ schema: string | null; available: boolean }>(
    `select (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pgstattuple') as schema,
            exists (select 1 from pg_available_extensions where name = 'pgstattuple') as available`
  )
  const { schema: extensionSchema, available } = installed.rows[0]!
  if (!extensionSchema) return { status: 'no-extension', availableOnServer: available, install: pgstattupleInstall }
  const relation = `${quoteIdentifier(input.schema)}.${quoteIdentifier(input.name)}`
  const fn = `${quoteIdentifier(extensionSchema)}.${input.kind === 'table' ? 'pgstattuple' : 'pgstatindex'}`
  await db.query('begin')
  try {
    await db.query(`set local lock_timeout = ${exactBloatLockTimeoutMs}`)
    await db.query(`set local statement_timeout = ${exactBloatStatementTimeoutMs}`)
    // The relation's own fillfactor; the default is 100 for a heap, 90 for a b-tree.
    const settings = `current_setting('block_size')::int as "blockSize",
      coalesce((select option_value::int from pg_options_to_table(c.reloptions) where option_name = 'fillfactor'), $2::int) as fillfactor`
    const result =
      input.kind === 'table'
        ? exactTableBloat(
            await firstRow(db, `select p.table_len::float8 as "tableLen", p.tuple_count::float8 as "tupleCount", p.tuple_len::float8 as "tupleLen",
                    p.dead_tuple_len::float8 as "deadTupleLen", p.free_space::float8 as "freeSpace", ${settings}
               from ${fn}($1::regclass) p, pg_class c where c.oid = $1::regclass`, [relation, 100])
          )
        : exactIndexBloat(
            await firstRow(db, `select p.index_size::float8 as "indexSize", p.leaf_pages::float8 as "leafPages", p.empty_pages::float8 as "emptyPages",
                    p.deleted_pages::float8 as "deletedPages", p.avg_leaf_density::float8 as "avgLeafDensity", ${settings}
               from ${fn}($1::regclass) p, pg_class c where c.oid = $1::regclass`, [relation, 90])
          )
    await db.query('commit')
    return result
  } catch (error) {
    await db.query('rollback').catch(() => undefined)
    throw explain(error, `${input.schema}.${input.name}`)
  }
}

async function firstRow<T>(db: Queryable, sql: string, values: unknown[]): Promise<T> {
  return (await db.query(sql, values)).rows[0] as T
}

/** The failures a user can act on, said plainly; anything else goes up as it is. */
function explain(error: unknown, relation: string): unknown {
  const sqlstate = (error as { code?: string }).code
  if (sqlstate === '55P03') {
    return new AppError({ code: 'vacuum/locked', sqlstate, message: `${relation} is locked by another session (an ALTER TABLE holds or waits for its lock): the exact figures were not read. Try again once it is done.` })
  }
  if (sqlstate === '57014') {
    return new AppError({ code: 'vacuum/too-slow', sqlstate, message: `Reading every page of ${relation} took longer than ${exactBloatStatementTimeoutMs / 1000} s: stopped. The estimate stays available.` })
  }
  if (sqlstate === '42501') {
    return new AppError({ code: 'vacuum/not-allowed', sqlstate, message: `pgstattuple needs superuser or membership in pg_stat_scan_tables: ${(error as Error).message}` })
  }
  return error
}
