/**
 * Names for the editor's autocomplete, read from the catalogs in two queries.
 *
 * Plain pg_catalog columns that exist unchanged from PostgreSQL 12 to 18.
 */
import type pg from 'pg'
import type { CompletionSchema } from '@shared/schema/completion-schema'

const maxRelations = 5000
const maxFunctions = 5000
const hiddenSchemas = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp_)'"

export async function readCompletionSchema(pool: Pick<pg.ClientBase, 'query'>): Promise<CompletionSchema> {
  const relations = await pool.query<{ schema: string; name: string; kind: string; columns: Array<{ name: string; type: string }> }>(
    `select n.nspname as schema, c.relname as name, c.relkind::text as kind,
            coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by a.attnum)
                     filter (where a.attnum is not null), '[]') as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind in ('r', 'p', 'v', 'm', 'f') and ${hiddenSchemas}
      group by n.nspname, c.relname, c.relkind
      order by n.nspname, c.relname
      limit $1`,
    [maxRelations + 1]
  )
  const functions = await pool.query<{ schema: string; name: string }>(
    `select distinct n.nspname as schema, p.proname as name
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where ${hiddenSchemas}
      order by 1, 2
      limit $1`,
    [maxFunctions + 1]
  )
  return {
    relations: relations.rows.slice(0, maxRelations),
    functions: functions.rows.slice(0, maxFunctions),
    truncated: relations.rows.length > maxRelations || functions.rows.length > maxFunctions
  }
}
