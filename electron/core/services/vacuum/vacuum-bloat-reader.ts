/**
 * Estimated table bloat, on demand (never in a poll): catalog and pg_stats
 * only, no size function, so it takes no relation lock and answers even
 * while an ALTER TABLE waits. lock_timeout guards anything unexpected.
 */
import type pg from 'pg'
import { bloatFigures, estimateBloat, worstBloatFirst, type BloatStatsRow, type TableBloat } from '@shared/vacuum/bloat-estimate'

type Queryable = Pick<pg.ClientBase, 'query'>

interface BloatRow extends BloatStatsRow {
  schema: string
  table: string
}

export async function readTableBloat(db: Queryable, limit = 50): Promise<TableBloat[]> {
  const results = (await db.query(
    `select set_config('lock_timeout', '2s', true);
     select n.nspname as schema, c.relname as table, c.reltuples::float8 as reltuples, c.relpages,
            current_setting('block_size')::int as block_size,
            coalesce((select option_value::int from pg_options_to_table(c.reloptions) where option_name = 'fillfactor'), 100) as fillfactor,
            (select count(*)::int from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
            coalesce(st.columns_with_stats, 0) as columns_with_stats, coalesce(st.data_width, 0)::float8 as data_width, coalesce(st.has_nulls, false) as has_nulls
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join lateral (
         select count(*)::int as columns_with_stats, sum((1 - s.null_frac) * s.avg_width) as data_width, bool_or(s.null_frac > 0) as has_nulls
           from pg_stats s where s.schemaname = n.nspname and s.tablename = c.relname and not s.inherited) st on true
      where c.relkind in ('r', 'm') and c.relpages > 0 and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast'`
  )) as unknown as pg.QueryResult[]
  const rows = results[results.length - 1]!.rows as BloatRow[]
  return worstBloatFirst(rows.map((r) => ({ schema: r.schema, table: r.table, ...bloatFigures(r, estimateBloat) })), limit)
}
