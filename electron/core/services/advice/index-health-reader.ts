/**
 * Index health from the catalogs and the statistics views: unused, duplicate,
 * redundant and invalid indexes, foreign keys with no index on the referencing
 * side, and tables read mostly by sequential scans. Identifiers in the fixes
 * are quoted with quoteIdentifierIfNeeded; the schema filter is a parameter.
 */
import type pg from 'pg'
import { onePerIndex, type HealthFinding } from '@shared/advice/index-health'
import { quoteIdentifierIfNeeded as q } from '@shared/sql/quote-identifier'

const userSchemas = "n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and ($1::text is null or n.nspname = $1)"

interface IndexRow {
  schema: string
  table: string
  index: string
  columns: string[]
  bytes: string
  scans: string
  valid: boolean
  constraint: boolean
  unique: boolean
  partial: boolean
  keys: string
  signature: string
  method: string
}

const dropFix = (row: { schema: string; index: string }) => `DROP INDEX CONCURRENTLY ${q(row.schema)}.${q(row.index)}`

async function indexRows(client: pg.ClientBase, schema: string | null): Promise<IndexRow[]> {
  const { rows } = await client.query<IndexRow>(
    `select n.nspname as schema, t.relname as table, i.relname as index,
            array(select pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) as k order by k) as columns,
            pg_relation_size(i.oid)::text as bytes, coalesce(s.idx_scan, 0)::text as scans, x.indisvalid as valid,
            exists (select 1 from pg_constraint c where c.conindid = x.indexrelid) as constraint,
            x.indisunique as unique, x.indpred is not null as partial, x.indkey::text as keys,
            concat_ws('|', x.indrelid, x.indkey::text, x.indclass::text, pg_get_expr(x.indexprs, x.indrelid), pg_get_expr(x.indpred, x.indrelid), x.indisunique) as signature,
            am.amname as method
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
       join pg_am am on am.oid = i.relam
       left join pg_stat_user_indexes s on s.indexrelid = x.indexrelid
      where ${userSchemas}
      order by n.nspname, t.relname, x.indisprimary desc, x.indisunique desc, i.relname`,
    [schema]
  )
  return rows
}

function indexFindings(rows: IndexRow[]): HealthFinding[] {
  const findings: HealthFinding[] = []
  const base = (row: IndexRow) => ({ schema: row.schema, table: row.table, index: row.index, columns: row.columns, sizeBytes: Number(row.bytes) })
  const firstBySignature = new Map<string, IndexRow>()
  for (const row of rows) {
    if (!row.valid) {
      findings.push({ ...base(row), kind: 'invalid', coveredBy: null, fix: dropFix(row), reason: 'A failed CREATE INDEX CONCURRENTLY left this index INVALID: it is maintained on every write and never read. Drop it (and build it again if it is wanted).' })
      continue
    }
    const twin = firstBySignature.get(row.signature)
    if (twin && !row.constraint) {
      findings.push({ ...base(row), kind: 'duplicate', coveredBy: twin.index, fix: dropFix(row), reason: `Same columns, operator classes and predicate as ${twin.index}: one of the two is enough.` })
      continue
    }
    if (!twin) firstBySignature.set(row.signature, row)
    // A plain B-tree whose columns start another B-tree of the same table serves nothing the longer one does not.
    const longer = rows.find((other) => other !== row && other.valid && other.table === row.table && other.schema === row.schema && other.method === 'btree' && other.keys.startsWith(`${row.keys} `) && !other.partial)
    if (longer && row.method === 'btree' && !row.unique && !row.constraint && !row.partial && !row.keys.split(' ').includes('0')) {
      findings.push({ ...base(row), kind: 'redundant', coveredBy: longer.index, fix: dropFix(row), reason: `Its columns are the leading columns of ${longer.index}, which serves the same lookups.` })
      continue
    }
    if (Number(row.scans) === 0 && !row.constraint && !row.unique) {
      findings.push({ ...base(row), kind: 'unused', coveredBy: null, fix: dropFix(row), reason: 'Never scanned since the statistics were last reset, and no constraint needs it: it only slows writes down. (Check replicas, and how long ago the statistics were reset, before dropping.)' })
    }
  }
  return findings
}

async function unindexedForeignKeys(client: pg.ClientBase, schema: string | null): Promise<HealthFinding[]> {
  const { rows } = await client.query<{ schema: string; table: string; constraint: string; columns: string[]; bytes: string }>(
    `select n.nspname as schema, t.relname as table, c.conname as constraint, pg_relation_size(t.oid)::text as bytes,
            array(select a.attname::text from unnest(c.conkey) with ordinality as k(attnum, ord)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord) as columns
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
      where c.contype = 'f' and ${userSchemas}
        and not exists (
          select 1 from pg_index x
           where x.indrelid = c.conrelid and x.indpred is null and x.indisvalid
             and (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
             and (string_to_array(x.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
      order by 1, 2, 3`,
    [schema]
  )
  return rows.map((row) => ({
    kind: 'fk-without-index',
    schema: row.schema,
    table: row.table,
    index: null,
    columns: row.columns,
    coveredBy: null,
    sizeBytes: Number(row.bytes),
    fix: `CREATE INDEX CONCURRENTLY ${q(`${row.table}_${row.columns.join('_')}_idx`.slice(0, 63))} ON ${q(row.schema)}.${q(row.table)} (${row.columns.map(q).join(', ')})`,
    reason: `Foreign key ${row.constraint} has no index on ${row.table}: every DELETE or key UPDATE of the referenced row scans ${row.table}, and joins on it cannot use an index.`
  }))
}

async function seqScanHeavy(client: pg.ClientBase, schema: string | null): Promise<HealthFinding[]> {
  const { rows } = await client.query<{ schema: string; table: string; seq: string; read: string; idx: string; live: string; bytes: string }>(
    `select n.nspname as schema, s.relname as table, s.seq_scan::text as seq, s.seq_tup_read::text as read,
            coalesce(s.idx_scan, 0)::text as idx, s.n_live_tup::text as live, pg_relation_size(s.relid)::text as bytes
       from pg_stat_user_tables s join pg_namespace n on n.nspname = s.schemaname
      where ${userSchemas} and s.n_live_tup >= 10000 and s.seq_scan > coalesce(s.idx_scan, 0) and s.seq_tup_read / greatest(s.seq_scan, 1) >= 10000 and s.seq_scan >= 10
      order by s.seq_tup_read desc`,
    [schema]
  )
  return rows.map((row) => ({
    kind: 'seq-scan-heavy',
    schema: row.schema,
    table: row.table,
    index: null,
    columns: [],
    coveredBy: null,
    sizeBytes: Number(row.bytes),
    fix: null,
    reason: `${Number(row.seq).toLocaleString('en-US')} sequential scans read ${Number(row.read).toLocaleString('en-US')} rows (${Number(row.idx).toLocaleString('en-US')} index scans) of a ${Number(row.live).toLocaleString('en-US')}-row table: run tusk advise on the queries that read it to find the index.`
  }))
}

/** Every finding for the database, or one schema of it. */
export async function readIndexHealth(client: pg.ClientBase, schema: string | null): Promise<HealthFinding[]> {
  const findings = [...indexFindings(await indexRows(client, schema)), ...(await unindexedForeignKeys(client, schema)), ...(await seqScanHeavy(client, schema))]
  return onePerIndex(findings)
}
