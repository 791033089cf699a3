/**
 * Wraparound ages per database, and what holds the xmin horizon back:
 * sessions with an old snapshot or transaction, prepared transactions,
 * replication slots and standbys with hot_standby_feedback.
 */
import type pg from 'pg'
import type { AutovacuumSettings } from '@shared/vacuum/autovacuum-options'
import type { VacuumDatabase, XminHolder } from '@shared/vacuum/vacuum-report'
import { byXminAge } from '@shared/vacuum/xmin-horizon'

type Queryable = Pick<pg.ClientBase, 'query'>

export async function readDatabases(db: Queryable, settings: AutovacuumSettings): Promise<VacuumDatabase[]> {
  const rows = await db.query<{ name: string; xid_age: number; mxid_age: number }>(
    'select datname as name, age(datfrozenxid) as xid_age, mxid_age(datminmxid) as mxid_age from pg_database order by age(datfrozenxid) desc'
  )
  return rows.rows.map((r) => ({ name: r.name, xidAge: r.xid_age, mxidAge: r.mxid_age, freezeMaxAge: settings.freezeMaxAge, multixactFreezeMaxAge: settings.multixactFreezeMaxAge }))
}

export async function readXminHolders(db: Queryable): Promise<XminHolder[]> {
  const sessions = await db.query<{ pid: number; datname: string | null; usename: string | null; application_name: string | null; state: string | null; xmin_age: number | null; since: number | null; query: string | null }>(
    `select pid, datname, usename, application_name, state,
            greatest(age(backend_xmin), age(backend_xid)) as xmin_age,
            (extract(epoch from xact_start) * 1000)::float8 as since, left(query, 500) as query
       from pg_stat_activity
      where (backend_xmin is not null or backend_xid is not null)
        and pid <> pg_backend_pid() and backend_type not in ('autovacuum worker', 'walsender')`
  )
  const prepared = await db.query<{ gid: string; database: string; owner: string; xmin_age: number; since: number }>(
    'select gid, database, owner, age(transaction) as xmin_age, (extract(epoch from prepared) * 1000)::float8 as since from pg_prepared_xacts'
  )
  const slots = await db.query<{ slot_name: string; database: string | null; xmin_age: number | null; active: boolean }>(
    `select slot_name, database, active, greatest(age(xmin), age(catalog_xmin)) as xmin_age
       from pg_replication_slots where xmin is not null or catalog_xmin is not null`
  )
  const standbys = await db.query<{ pid: number; application_name: string | null; usename: string | null; xmin_age: number }>(
    'select pid, application_name, usename, age(backend_xmin) as xmin_age from pg_stat_replication where backend_xmin is not null'
  )
  const holders: XminHolder[] = [
    ...sessions.rows.map((s) => ({
      kind: s.state?.startsWith('idle in transaction') ? ('idle-in-transaction' as const) : ('transaction' as const),
      pid: s.pid,
      name: s.application_name || null,
      database: s.datname,
      user: s.usename,
      xminAge: s.xmin_age,
      since: s.since,
      state: s.state,
      query: s.query,
      deadTuplesKept: null
    })),
    ...prepared.rows.map((p) => ({ kind: 'prepared' as const, pid: null, name: p.gid, database: p.database, user: p.owner, xminAge: p.xmin_age, since: p.since, state: 'prepared', query: null, deadTuplesKept: null })),
    ...slots.rows.map((s) => ({ kind: 'replication-slot' as const, pid: null, name: s.slot_name, database: s.database, user: null, xminAge: s.xmin_age, since: null, state: s.active ? 'active' : 'inactive', query: null, deadTuplesKept: null })),
    ...standbys.rows.map((s) => ({ kind: 'standby' as const, pid: s.pid, name: s.application_name, database: null, user: s.usename, xminAge: s.xmin_age, since: null, state: 'hot_standby_feedback', query: null, deadTuplesKept: null }))
  ]
  return holders.sort(byXminAge)
}
