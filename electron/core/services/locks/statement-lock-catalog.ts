/**
 * The catalog reads around the lock probe: what the statement's names resolve
 * to, the probed backend's locks with what each relation is and whose part it
 * is, why a relation the statement does not name was reached, and which views
 * stop an ALTER … TYPE.
 *
 * None of these takes a lock on a user relation (catalog scans, to_regclass,
 * ::regclass output), so they never queue behind the probe's own ACCESS
 * EXCLUSIVE locks while its transaction is still open.
 */
import type pg from 'pg'
import { relationText, type RelationName } from '@shared/locks/documented-locks'
import type { ProbedLock } from '@shared/locks/statement-lock-groups'
import type { BlockingDependents, LockReason } from '@shared/locks/statement-locks'

type Queryable = Pick<pg.Pool, 'query'>

/** Each name as the statement wrote it → its oid and `schema.name`, for those that exist. */
export async function resolveRelations(db: Queryable, names: readonly RelationName[]): Promise<Map<string, { oid: number; qualified: string }>> {
  if (names.length === 0) return new Map()
  const result = await db.query<{ written: string; oid: string; qualified: string }>(
    `select w.written, c.oid::int8 as oid, n.nspname || '.' || c.relname as qualified
       from unnest($1::text[]) as w(written)
       join pg_class c on c.oid = to_regclass(w.written)
       join pg_namespace n on n.oid = c.relnamespace`,
    [names.map(relationText)]
  )
  return new Map(result.rows.map((r) => [r.written, { oid: Number(r.oid), qualified: r.qualified }]))
}

/** The backend's locks (its virtualxid left out), each relation with its kind and owning table. */
export async function readProbedLocks(db: Queryable, pid: number): Promise<ProbedLock[]> {
  const result = await db.query<{
    locktype: string
    mode: string
    granted: boolean
    relation: string | null
    relation_oid: string | null
    relkind: string | null
    schema: string | null
    owner: string | null
    owner_oid: string | null
    owner_schema: string | null
  }>(
    // An index's table, or for a TOAST table (and a TOAST index) the table whose reltoastrelid it is.
    `select l.locktype, l.mode, l.granted,
            case when l.relation is not null then coalesce(n.nspname || '.' || c.relname, l.relation::text) end as relation,
            l.relation::int8 as relation_oid, c.relkind::text as relkind, n.nspname as schema,
            own_n.nspname || '.' || own.relname as owner, own.oid::int8 as owner_oid, own_n.nspname as owner_schema
       from pg_locks l
       left join pg_class c on c.oid = l.relation and l.database = (select oid from pg_database where datname = current_database())
       left join pg_namespace n on n.oid = c.relnamespace
       left join pg_index i on i.indexrelid = c.oid
       left join pg_class toasted on toasted.reltoastrelid = coalesce(i.indrelid, c.oid) and c.oid is not null
       left join pg_class own on own.oid = coalesce(toasted.oid, i.indrelid)
       left join pg_namespace own_n on own_n.oid = own.relnamespace
      where l.pid = $1 and l.locktype <> 'virtualxid'`,
    [pid]
  )
  const oid = (value: string | null) => (value === null ? null : Number(value))
  return result.rows.map((r) => ({
    locktype: r.locktype,
    mode: r.mode,
    granted: r.granted,
    relation: r.relation,
    relationOid: oid(r.relation_oid),
    relkind: r.relkind,
    schema: r.schema,
    owner: r.owner,
    ownerOid: oid(r.owner_oid),
    ownerSchema: r.owner_schema
  }))
}

/** Why each of `reached` is tied to one of `named`: a foreign key either way, a partition, a view's table. */
export async function lockReasons(db: Queryable, reached: readonly number[], named: readonly number[]): Promise<Map<number, LockReason[]>> {
  const reasons = new Map<number, LockReason[]>()
  if (reached.length === 0 || named.length === 0) return reasons
  const name = (alias: string) => `(select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = ${alias})`
  const result = await db.query<{ oid: string; reason: LockReason }>(
    `select r.oid::int8 as oid, jsonb_build_object('kind', 'foreign-key', 'constraint', k.conname, 'referencing', ${name('k.conrelid')}, 'referenced', ${name('k.confrelid')}) as reason
       from unnest($1::oid[]) as r(oid)
       join pg_constraint k on k.contype = 'f' and ((k.conrelid = any($2::oid[]) and k.confrelid = r.oid) or (k.confrelid = any($2::oid[]) and k.conrelid = r.oid))
     union all
     select r.oid::int8, jsonb_build_object('kind', 'partition-of', 'parent', ${name('h.inhparent')})
       from unnest($1::oid[]) as r(oid) join pg_inherits h on h.inhrelid = r.oid and h.inhparent = any($2::oid[])
     union all
     select r.oid::int8, jsonb_build_object('kind', 'partitioned-parent-of', 'partition', ${name('h.inhrelid')})
       from unnest($1::oid[]) as r(oid) join pg_inherits h on h.inhparent = r.oid and h.inhrelid = any($2::oid[])
     union all
     select distinct r.oid::int8, jsonb_build_object('kind', 'read-by-view', 'view', ${name('w.ev_class')})
       from unnest($1::oid[]) as r(oid)
       join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = r.oid and d.classid = 'pg_rewrite'::regclass
       join pg_rewrite w on w.oid = d.objid and w.ev_class = any($2::oid[]) and w.ev_class <> r.oid`,
    [reached, named]
  )
  for (const row of result.rows) {
    const oid = Number(row.oid)
    reasons.set(oid, [...(reasons.get(oid) ?? []), row.reason])
  }
  return reasons
}

/** The views, materialized views and rules that use the given columns of a table. */
export async function columnDependents(db: Queryable, table: RelationName, columns: readonly string[]): Promise<BlockingDependents | null> {
  const result = await db.query<{ table_name: string; name: string; relkind: string; column: string }>(
    `select distinct tn.nspname || '.' || t.relname as table_name, vn.nspname || '.' || v.relname as name, v.relkind::text as relkind, a.attname as "column"
       from pg_class t
       join pg_namespace tn on tn.oid = t.relnamespace
       join pg_attribute a on a.attrelid = t.oid and a.attname = any($2::text[])
       join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid and d.refobjsubid = a.attnum and d.classid = 'pg_rewrite'::regclass
       join pg_rewrite w on w.oid = d.objid
       join pg_class v on v.oid = w.ev_class and v.oid <> t.oid
       join pg_namespace vn on vn.oid = v.relnamespace
      where t.oid = to_regclass($1)
      order by name, "column"`,
    [relationText(table), columns]
  )
  if (result.rows.length === 0) return null
  const kind = (relkind: string) => (relkind === 'v' ? 'view' : relkind === 'm' ? 'materialized view' : 'rule')
  return {
    table: result.rows[0]!.table_name,
    columns: [...columns],
    dependents: result.rows.map((r) => ({ name: r.name, kind: kind(r.relkind), column: r.column }))
  }
}
