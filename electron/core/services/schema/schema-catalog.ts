/**
 * The schema browser's reads: the tree and a table's page.
 *
 * Catalog columns that exist unchanged in PostgreSQL 12–18; every name the
 * user picked travels as a bind parameter, and OIDs do the rest.
 */
import type pg from 'pg'
import type { SchemaTree, TableDetails } from '@shared/schema/schema-tree'
import { quoteIdentifier } from '@shared/sql/quote-identifier'
import { subtreeSizes } from '@shared/schema/partition-sizes'
import { AppError } from '@shared/base/app-error'

const userSchemas = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp_)'"

export async function readSchemaTree(pool: Pick<pg.ClientBase, 'query'>): Promise<SchemaTree> {
  const [schemas, relations, functions] = await Promise.all([
    pool.query<{ name: string }>(`select n.nspname as name from pg_namespace n where ${userSchemas} order by 1`),
    pool.query<{ schema: string; name: string; kind: string; parent: string | null; estimated_rows: number | null }>(
      `select n.nspname as schema, c.relname as name, c.relkind::text as kind, parent.relname as parent,
              case when c.reltuples < 0 then null else c.reltuples::float8 end as estimated_rows
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_inherits i on i.inhrelid = c.oid and c.relispartition
         left join pg_class parent on parent.oid = i.inhparent
        where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and ${userSchemas}
        order by 1, 2
        limit 20000`
    ),
    pool.query<{ schema: string; name: string; signature: string; kind: string }>(
      `select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as signature, p.prokind::text as kind
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where ${userSchemas}
        order by 1, 2
        limit 20000`
    )
  ])
  const bySchema = new Map<string, SchemaTree['schemas'][number]>(schemas.rows.map((s) => [s.name, { name: s.name, relations: [], functions: [] }]))
  for (const r of relations.rows) bySchema.get(r.schema)?.relations.push({ name: r.name, kind: r.kind, parent: r.parent, estimatedRows: r.estimated_rows })
  for (const f of functions.rows) bySchema.get(f.schema)?.functions.push({ name: f.name, signature: f.signature, kind: f.kind })
  return { schemas: [...bySchema.values()] }
}

export async function readTableDetails(pool: Pick<pg.ClientBase, 'query'>, schema: string, name: string): Promise<TableDetails> {
  const found = await pool.query<{ oid: number; kind: string; comment: string | null; estimated_rows: number | null }>(
    `select c.oid::int as oid, c.relkind::text as kind, obj_description(c.oid, 'pg_class') as comment,
            case when c.reltuples < 0 then null else c.reltuples::float8 end as estimated_rows
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relname = $2`,
    [schema, name]
  )
  const relation = found.rows[0]
  if (!relation) throw new AppError({ code: 'schema/not-found', message: `${schema}.${name} does not exist (any more)` })
  const oid = relation.oid
  const [tree, columns, indexes, constraints, incoming, partitionKey] = await Promise.all([
    // The table and everything below it (partitions at any depth, inheritance children), each with its own sizes.
    pool.query<TreeRow>(
      `with recursive tree(relid, parent, level) as (
         select $1::oid, null::oid, 0
         union
         select i.inhrelid, i.inhparent, t.level + 1 from pg_inherits i join tree t on i.inhparent = t.relid where t.level < 32
       )
       select t.relid::int as relid, t.parent::int as parent_relid, t.level, c.relname as name, p.relname as parent,
              pg_get_expr(c.relpartbound, c.oid) as bound,
              case when c.reltuples < 0 then null else c.reltuples::float8 end as estimated_rows,
              pg_relation_size(c.oid) as table, coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast,
              pg_indexes_size(c.oid) as indexes, pg_total_relation_size(c.oid) as total
         from tree t join pg_class c on c.oid = t.relid left join pg_class p on p.oid = t.parent
        order by t.level, c.relname
        limit ${maxPartitions + 1}`,
      [oid]
    ),
    pool.query<{ name: string; type: string; nullable: boolean; default: string | null }>(
      `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
              pg_get_expr(d.adbin, d.adrelid) as default
         from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
      [oid]
    ),
    pool.query<{ name: string; definition: string; size: string; scans: string | null; valid: boolean; primary: boolean; unique: boolean }>(
      `select ic.relname as name, pg_get_indexdef(i.indexrelid) as definition, pg_relation_size(i.indexrelid) as size,
              s.idx_scan as scans, i.indisvalid as valid, i.indisprimary as primary, i.indisunique as unique
         from pg_index i join pg_class ic on ic.oid = i.indexrelid
         left join pg_stat_all_indexes s on s.indexrelid = i.indexrelid
        where i.indrelid = $1
        order by i.indisprimary desc, ic.relname`,
      [oid]
    ),
    pool.query<{ name: string; type: string; definition: string; other: string | null }>(
      `select con.conname as name, con.contype::text as type, pg_get_constraintdef(con.oid) as definition,
              case when con.confrelid <> 0 then con.confrelid::regclass::text end as other
         from pg_constraint con where con.conrelid = $1 order by con.contype, con.conname`,
      [oid]
    ),
    pool.query<{ name: string; definition: string; other: string }>(
      `select con.conname as name, pg_get_constraintdef(con.oid) as definition, con.conrelid::regclass::text as other
         from pg_constraint con where con.confrelid = $1 and con.contype = 'f' order by 3, 1`,
      [oid]
    ),
    pool.query<{ key: string | null }>(`select pg_get_partkeydef($1::oid) as key`, [oid])
  ])
  const ownSizes = (row: TreeRow) => ({ table: Number(row.table), toast: Number(row.toast), indexes: Number(row.indexes), total: Number(row.total) })
  const subtrees = subtreeSizes(tree.rows.map((row) => ({ relid: row.relid, parentRelid: row.parent_relid, own: ownSizes(row) })))
  const below = tree.rows.filter((row) => row.level > 0)
  const outgoing = constraints.rows.filter((c) => c.type === 'f').map((c) => ({ name: c.name, definition: c.definition, otherTable: c.other ?? '' }))
  const details: TableDetails = {
    schema,
    name,
    kind: relation.kind,
    comment: relation.comment,
    estimatedRows: relation.estimated_rows,
    sizes: subtrees.get(oid) ?? { table: 0, toast: 0, indexes: 0, total: 0 },
    columns: columns.rows,
    indexes: indexes.rows.map((i) => ({ name: i.name, definition: i.definition, sizeBytes: Number(i.size), scans: i.scans === null ? null : Number(i.scans), valid: i.valid, primary: i.primary, unique: i.unique })),
    constraints: constraints.rows.map((c) => ({ name: c.name, type: constraintTypes[c.type] ?? c.type, definition: c.definition })),
    foreignKeys: { outgoing, incoming: incoming.rows.map((c) => ({ name: c.name, definition: c.definition, otherTable: c.other })) },
    partitions: below.map((p) => ({ name: p.name, bound: p.bound ?? '(inheritance child)', level: p.level, parent: p.parent, estimatedRows: p.estimated_rows, sizes: subtrees.get(p.relid)! })),
    ddl: ''
  }
  details.ddl = tableDdl(details, partitionKey.rows[0]?.key ?? null)
  return details
}

/** Partitions listed on a table's page; a table with more says so through the count. */
const maxPartitions = 10_000

interface TreeRow {
  relid: number
  parent_relid: number | null
  level: number
  name: string
  parent: string | null
  bound: string | null
  estimated_rows: number | null
  // bigint sizes come back as text
  table: string
  toast: string
  indexes: string
  total: string
}

const constraintTypes: Record<string, string> = { p: 'PRIMARY KEY', u: 'UNIQUE', f: 'FOREIGN KEY', c: 'CHECK', x: 'EXCLUDE', t: 'TRIGGER', n: 'NOT NULL' }

/** CREATE TABLE as pg_dump would write its essentials: columns, constraints, partitioning, indexes. */
function tableDdl(t: TableDetails, partitionKey: string | null): string {
  const qualified = `${quoteIdentifier(t.schema)}.${quoteIdentifier(t.name)}`
  const lines = t.columns.map((c) => `  ${quoteIdentifier(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}${c.default ? ` DEFAULT ${c.default}` : ''}`)
  for (const c of t.constraints.filter((c) => c.type !== 'NOT NULL')) lines.push(`  CONSTRAINT ${quoteIdentifier(c.name)} ${c.definition}`)
  let ddl = `CREATE TABLE ${qualified} (\n${lines.join(',\n')}\n)${partitionKey ? ` PARTITION BY ${partitionKey}` : ''};\n`
  const constraintIndexes = new Set(t.constraints.map((c) => c.name))
  for (const index of t.indexes.filter((i) => !constraintIndexes.has(i.name))) ddl += `${index.definition};\n`
  if (t.comment) ddl += `COMMENT ON TABLE ${qualified} IS '${t.comment.replace(/'/g, "''")}';\n`
  return ddl
}
