/**
 * A few rows of each table a join reads, at a bounded cost.
 *
 * A table with at most N rows is taken whole (so the stepper's result is the
 * query's own). A larger one gives rows that make a join worth watching: rows
 * whose key matches a row already sampled on the other side, a NULL key and a
 * duplicated key, then any others. On a large table only an index answers such
 * probes (never a scan of the whole table), and the filler rows come from
 * TABLESAMPLE SYSTEM, a few pages picked at random (repeatably). With
 * `interesting` off there are no probes: the first rows (or TABLESAMPLE's).
 */
import type pg from 'pg'
import { AppError } from '@shared/base/app-error'
import type { JoinAnalysis } from '@shared/joins/join-analysis'
import { baseTableRefs, tableKey, type SampledTable, type TableRef } from '@shared/joins/join-sql'
import { quoteIdentifier } from '@shared/sql/quote-identifier'
import { serverText } from '../../postgres/cells'
import { withSavepoint } from './savepoint'

export interface TableSample extends SampledTable {
  oid: number
  columns: string[]
  /** Each row as a row literal (`ROW(t.*)::text`): the bind parameter of its CTE. */
  literals: string[]
  rows: (string | null)[][]
  wholeTable: boolean
  estimatedRows: number
}

/** Above this size a table is "large": only index probes and TABLESAMPLE touch it. */
const smallTableBytes = 2 * 1024 * 1024

interface Resolved {
  oid: number
  schema: string
  name: string
  reltuples: number
  relpages: number
  hasRowIdentity: boolean
  small: boolean
}

async function resolve(client: pg.ClientBase, schema: string | undefined, name: string): Promise<Resolved> {
  const qualified = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)
  const found = await client.query<{ oid: number; nspname: string; relname: string; reltuples: number; relpages: number; relkind: string; small: boolean }>(
    `select c.oid::int as oid, n.nspname, c.relname, c.reltuples::float8 as reltuples, c.relpages, c.relkind::text as relkind,
            pg_relation_size(c.oid) <= $2 and c.relkind in ('r', 'm', 't') as small
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass($1)`,
    [qualified, smallTableBytes]
  )
  const row = found.rows[0]
  if (!row) throw new AppError({ code: 'joins/no-table', message: `relation "${schema ? `${schema}.` : ''}${name}" does not exist`, sqlstate: '42P01' })
  return { oid: row.oid, schema: row.nspname, name: row.relname, reltuples: Number(row.reltuples), relpages: Number(row.relpages), hasRowIdentity: ['r', 'm', 't'].includes(row.relkind), small: row.small }
}

/** Samples of every table the query reads, numbered as bind parameters $1…$n. */
export async function sampleTables(client: pg.ClientBase, analysis: JoinAnalysis, size: number, interesting = true): Promise<Map<string, TableSample>> {
  const byKey = new Map<string, TableSample>()
  const byOid = new Map<string, TableSample>()
  // A table whose join key leads an index is sampled after its partner, so the index can
  // fetch rows that match (loans then members by its primary key); otherwise FROM order.
  const refs = baseTableRefs(analysis)
  const resolved = new Map<string, Resolved>()
  const indexed = new Set<string>()
  for (const ref of refs) {
    const table = await resolve(client, ref.schema, ref.name)
    resolved.set(tableKey(ref), table)
    for (const column of keyColumns(analysis, ref)) if (await leadsAnIndex(client, table.oid, column)) indexed.add(tableKey(ref))
  }
  const leafOrder = (r: TableRef) => {
    const i = analysis.leaves.findIndex((l) => l.table && tableKey(l.table) === tableKey(r))
    return (indexed.has(tableKey(r)) ? 1000 : 0) + (i < 0 ? 999 : i)
  }
  refs.sort((a, b) => leafOrder(a) - leafOrder(b))
  for (const ref of refs) {
    const table = resolved.get(tableKey(ref))!
    const same = `${table.oid}:${ref.only ? 'only' : ''}`
    let sample = byOid.get(same)
    if (!sample) {
      const hint = interesting ? keyHint(analysis, ref, byKey) : null
      sample = await sampleTable(client, { ...table, only: ref.only ?? false }, size, byOid.size + 1, hint)
      byOid.set(same, sample)
    }
    byKey.set(tableKey(ref), sample)
  }
  return byKey
}

function keyColumns(analysis: JoinAnalysis, ref: TableRef): string[] {
  const mine = new Set(analysis.leaves.filter((l) => l.table && tableKey(l.table) === tableKey(ref)).map((l) => l.id))
  return [...new Set(analysis.keys.flatMap((k) => [k.left, k.right]).filter((side) => mine.has(side.leaf)).map((side) => side.column))]
}

/** The column of this table that an equality joins to an already-sampled table, with that table's values. */
function keyHint(analysis: JoinAnalysis, ref: TableRef, sampled: Map<string, TableSample>): { column: string; partnerValues: string[] } | null {
  const leafTable = new Map(analysis.leaves.filter((l) => l.table).map((l) => [l.id, tableKey(l.table!)]))
  const mine = tableKey(ref)
  for (const key of analysis.keys) {
    for (const [me, other] of [
      [key.left, key.right],
      [key.right, key.left]
    ] as const) {
      if (leafTable.get(me.leaf) !== mine) continue
      const partner = sampled.get(leafTable.get(other.leaf) ?? '')
      const index = partner?.columns.indexOf(other.column) ?? -1
      if (!partner || index < 0) continue
      const values = [...new Set(partner.rows.map((r) => r[index]).filter((v): v is string => v !== null))]
      return { column: me.column, partnerValues: values }
    }
  }
  const own = analysis.keys.flatMap((k) => [k.left, k.right]).find((side) => leafTable.get(side.leaf) === mine)
  return own ? { column: own.column, partnerValues: [] } : null
}

async function sampleTable(client: pg.ClientBase, table: Resolved & { only: boolean }, size: number, param: number, hint: { column: string; partnerValues: string[] } | null): Promise<TableSample> {
  const from = `${table.only ? 'only ' : ''}${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)} AS tusk_t`
  const identity = table.hasRowIdentity ? `tusk_t.tableoid::text || ':' || tusk_t.ctid::text` : `ROW(tusk_t.*)::text`
  const select = `select ${identity} as tusk_id, ROW(tusk_t.*)::text as tusk_row, tusk_t.* from ${from}`
  const rows = new Map<string, string[]>()
  let columns: string[] = []
  const take = async (text: string, values: unknown[], limit: number) => {
    if (limit <= 0) return
    const result = await client.query<(string | null)[]>({ text: `${text} limit ${Math.floor(limit)}`, values, rowMode: 'array', types: serverText })
    columns = result.fields.slice(2).map((f) => f.name)
    for (const row of result.rows) if (rows.size < size && !rows.has(row[0]!)) rows.set(row[0]!, row.slice(1) as string[])
  }
  // Whole when it fits: what the stepper shows is then the query's own answer.
  if (!(await isLarger(client, select, size))) {
    await take(select, [], size)
    if (columns.length === 0) columns = await columnNames(client, select)
    return finish(table, param, columns, [...rows.values()], true)
  }
  const small = table.small
  const probe = hint && (small || (await leadsAnIndex(client, table.oid, hint.column)))
  if (hint && probe) {
    const column = `tusk_t.${quoteIdentifier(hint.column)}`
    if (hint.partnerValues.length > 0) await withSavepoint(client, () => take(`${select} where ${column} = any($1)`, [hint.partnerValues.slice(0, 50)], Math.ceil(size / 2)))
    if (small) await withSavepoint(client, () => take(`${select} where ${column} in (select ${quoteIdentifier(hint.column)} from ${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)} group by 1 having count(*) > 1 limit 2)`, [], 2))
    await withSavepoint(client, () => take(`${select} where ${column} is null`, [], 1))
  }
  if (small) {
    await take(select, [], size * 2)
  } else {
    const pages = Math.max(1, table.relpages)
    let percent = Math.min(100, Math.max((100 * 3) / pages, (100 * size * 4) / Math.max(1, table.reltuples)))
    for (let attempt = 0; attempt < 3 && rows.size < size; attempt++, percent = Math.min(100, percent * 8)) {
      await take(`select ${identity} as tusk_id, ROW(tusk_t.*)::text as tusk_row, tusk_t.* from ${from} tablesample system ($1) repeatable (12)`, [percent], size * 2)
    }
    await take(select, [], size * 2)
  }
  if (columns.length === 0) columns = await columnNames(client, select)
  return finish(table, param, columns, [...rows.values()].slice(0, size), false)
}

async function isLarger(client: pg.ClientBase, select: string, size: number): Promise<boolean> {
  const result = await client.query({ text: `select count(*)::int as n from (${select} limit ${size + 1}) s`, rowMode: 'array' })
  return Number(result.rows[0]![0]) > size
}

async function columnNames(client: pg.ClientBase, select: string): Promise<string[]> {
  const result = await client.query({ text: `${select} limit 0`, rowMode: 'array' })
  return result.fields.slice(2).map((f) => f.name)
}

async function leadsAnIndex(client: pg.ClientBase, oid: number, column: string): Promise<boolean> {
  const result = await client.query(
    `select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0] where i.indrelid = $1 and a.attname = $2 limit 1`,
    [oid, column]
  )
  return result.rows.length > 0
}

function finish(table: Resolved, param: number, columns: string[], rows: string[][], wholeTable: boolean): TableSample {
  return {
    param,
    schema: table.schema,
    name: table.name,
    oid: table.oid,
    columns,
    literals: rows.map((r) => r[0]!),
    rows: rows.map((r) => r.slice(1) as (string | null)[]),
    wholeTable,
    estimatedRows: table.reltuples
  }
}
