/**
 * What the server already has for the tables a plan reads: their indexes (so
 * advice never repeats one) and their row counts (so a plan without ANALYZE
 * still shows how much a scan reads).
 */
import type pg from 'pg'
import type { ExistingIndex } from '@shared/advice/advice-item'
import { normalExpression } from '@shared/advice/plan-conditions'

interface IndexRow {
  schema: string
  table: string
  name: string
  method: string
  unique: boolean
  primary: boolean
  partial: boolean
  valid: boolean
  columns: string[]
}

const plainColumn = /^[a-z_][a-z0-9_$]*$|^"(?:[^"]|"")+"$/

/** Indexes on any table named in `tables` (bare names; the schema is compared by the caller). Needs the parser loaded. */
export async function readExistingIndexes(client: pg.ClientBase, tables: string[]): Promise<ExistingIndex[]> {
  if (tables.length === 0) return []
  const { rows } = await client.query<IndexRow>(
    `select n.nspname as schema, t.relname as table, i.relname as name, am.amname as method,
            x.indisunique as unique, x.indisprimary as primary, x.indpred is not null as partial, x.indisvalid as valid,
            array(select pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) as k order by k) as columns
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
       join pg_am am on am.oid = i.relam
      where t.relname = any($1::text[])`,
    [tables]
  )
  return rows.map((row) => ({ ...row, columns: row.columns.map((column) => (plainColumn.test(column) ? column.replace(/^"|"$/g, '') : normalExpression(column))) }))
}

/** reltuples of the named tables ("schema.table" → rows), null where never analysed. */
export async function readRelationRows(client: pg.ClientBase, tables: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>()
  if (tables.length === 0) return sizes
  const { rows } = await client.query<{ schema: string; table: string; rows: number }>(
    `select n.nspname as schema, c.relname as table, c.reltuples::float8 as rows
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relname = any($1::text[]) and c.relkind in ('r', 'p', 'm') and c.reltuples >= 0`,
    [tables]
  )
  for (const row of rows) {
    sizes.set(`${row.schema}.${row.table}`, row.rows)
    // A plan without VERBOSE names no schema: the bare name stands for the first match.
    if (!sizes.has(row.table)) sizes.set(row.table, row.rows)
  }
  return sizes
}
