/**
 * Estimated b-tree index bloat, on demand (never in a poll): pg_index,
 * pg_class and pg_stats only, no size function, so no relation lock. A key
 * column's statistics are the table's; an expression column's are stored
 * under the index's own name (ANALYZE gathers them there).
 */
import type pg from 'pg'
import { bloatFigures, worstBloatFirst, type BloatStatsRow } from '@shared/vacuum/bloat-estimate'
import { estimateIndexBloat, type IndexBloat } from '@shared/vacuum/index-bloat-estimate'

type Queryable = Pick<pg.ClientBase, 'query'>

interface IndexBloatRow extends BloatStatsRow {
  schema: string
  table: string
  index: string
}

export async function readIndexBloat(db: Queryable, limit = 50): Promise<IndexBloat[]> {
  const results = (await db.query(
    `select set_config('lock_timeout', '2s', true);
     select n.nspname as schema, t.relname as table, i.relname as index, i.reltuples::float8 as reltuples, i.relpages,
            current_setting('block_size')::int as block_size,
            coalesce((select option_value::int from pg_options_to_table(i.reloptions) where option_name = 'fillfactor'), 90) as fillfactor,
            x.indnatts::int as columns, st.columns_with_stats, st.data_width, st.has_nulls
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = i.relnamespace
       join pg_am am on am.oid = i.relam and am.amname = 'btree'
       cross join lateral (
         select count(s.attname)::int as columns_with_stats,
                coalesce(sum((1 - s.null_frac) * s.avg_width), 0)::float8 as data_width,
                coalesce(bool_or(s.null_frac > 0), false) as has_nulls
           from pg_attribute ia
           left join pg_attribute ta on x.indkey[ia.attnum - 1] <> 0 and ta.attrelid = t.oid and ta.attnum = x.indkey[ia.attnum - 1]
           left join pg_stats s on s.schemaname = n.nspname and not s.inherited
                 and ((ta.attname is not null and s.tablename = t.relname and s.attname = ta.attname)
                   or (ta.attname is null and s.tablename = i.relname and s.attname = ia.attname))
          where ia.attrelid = i.oid and ia.attnum > 0) st
      where x.indisvalid and i.relpages > 1 and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast'`
  )) as unknown as pg.QueryResult[]
  const rows = results[results.length - 1]!.rows as IndexBloatRow[]
  return worstBloatFirst(rows.map((r) => ({ schema: r.schema, table: r.table, index: r.index, ...bloatFigures(r, estimateIndexBloat) })), limit)
}
