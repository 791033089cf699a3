/**
 * One lock-graph snapshot, cheap for the server: pg_stat_activity once, with
 * pg_blocking_pids() called only for sessions waiting on a lock (each call takes
 * the lock manager's partition locks), and pg_locks once, filtered on the
 * server to the lock tags somebody waits on.
 */
import type pg from 'pg'
import { buildLockEdges, rootBlockers, type LockEdge, type LockRow } from '@shared/locks/lock-graph'
import type { LockSession, LockSnapshot } from '@shared/locks/lock-snapshot'
import { backendSessionOf, type BackendSessionRow } from '@shared/sessions/backend-session'

type Queryable = Pick<pg.ClientBase, 'query'>

export async function readLockSnapshot(db: Queryable, serverVersionNum: number): Promise<LockSnapshot> {
  const started = performance.now()
  const leaderPid = serverVersionNum >= 130000 ? 'a.leader_pid' : 'null::int'
  const sessions = await db.query<BackendSessionRow & { xact_age_ms: number | null; blocking: number[] | null }>(
    `select a.pid, ${leaderPid} as leader_pid, a.datname, a.usename, a.application_name, a.state, a.wait_event_type, a.wait_event,
            (extract(epoch from clock_timestamp() - a.xact_start) * 1000)::float8 as xact_age_ms, left(a.query, 4000) as query,
            case when a.wait_event_type = 'Lock' then pg_blocking_pids(a.pid) end as blocking
       from pg_stat_activity a
      where a.pid <> pg_backend_pid()`
  )
  const waiting = sessions.rows.filter((s) => s.blocking && s.blocking.length > 0)
  const leaderOf = new Map<number, number>()
  for (const s of sessions.rows) if (s.leader_pid !== null && s.leader_pid !== s.pid) leaderOf.set(s.pid, s.leader_pid)
  const edges = await readLockEdges(db, serverVersionNum, { blocking: new Map(waiting.map((s) => [s.pid, s.blocking!])), leaderOf })
  const involved = new Set(edges.flatMap((e) => [e.waiterPid, e.blockerPid]))
  const involvedSessions: LockSession[] = sessions.rows
    .filter((s) => involved.has(s.pid))
    .map((s) => ({ ...backendSessionOf(s), transactionAgeMs: s.xact_age_ms }))
  if (involved.has(0)) {
    involvedSessions.push({ pid: 0, leaderPid: null, database: null, user: null, application: 'prepared transaction', state: 'prepared', waitEventType: null, waitEvent: null, transactionAgeMs: null, query: null })
  }
  return { takenAt: Date.now(), edges, sessions: involvedSessions, rootBlockers: rootBlockers(edges), queryMs: performance.now() - started }
}

/** Who blocks whom, from what a scan of pg_stat_activity found waiting (the activity watcher's own scan, or the snapshot's). */
export interface LockWaiters {
  /** pg_blocking_pids() of each session waiting on a lock, by its pid. */
  blocking: Map<number, number[]>
  /** Parallel workers' leaders, by the worker's pid. */
  leaderOf: Map<number, number>
}

/** The lock graph's edges: pg_locks is read only when somebody waits, filtered on the server to the tags waited on. */
export async function readLockEdges(db: Queryable, serverVersionNum: number, waiters: LockWaiters): Promise<LockEdge[]> {
  // extract() is numeric since PG 14 (a string in node-postgres): float8 keeps it a number.
  const waitStart = serverVersionNum >= 140000 ? '(extract(epoch from l.waitstart) * 1000)::float8' : 'null::float8'
  if (waiters.blocking.size === 0) return []
  const rows = await db.query<{ pid: number | null; tag: string; locktype: string; mode: string; granted: boolean; wait_start: number | null; relation: string | null }>(
    `with l as (
       select pl.*, concat_ws(':', pl.locktype, coalesce(pl.database::text, ''), coalesce(pl.relation::text, ''), coalesce(pl.page::text, ''),
                              coalesce(pl.tuple::text, ''), coalesce(pl.virtualxid, ''), coalesce(pl.transactionid::text, ''),
                              coalesce(pl.classid::text, ''), coalesce(pl.objid::text, ''), coalesce(pl.objsubid::text, '')) as tag
         from pg_locks pl)
     select l.pid, l.tag, l.locktype, l.mode, l.granted, ${waitStart} as wait_start,
            case when l.relation is not null then n.nspname || '.' || c.relname end as relation
       from l
       left join pg_class c on c.oid = l.relation and l.database in (0, (select oid from pg_database where datname = current_database()))
       left join pg_namespace n on n.oid = c.relnamespace
      where l.tag in (select tag from l where not granted)`
  )
  // Prepared transactions hold locks with a NULL pid; pg_blocking_pids() calls them 0.
  const locks: LockRow[] = rows.rows.map((r) => ({ pid: r.pid ?? 0, tag: r.tag, locktype: r.locktype, mode: r.mode, granted: r.granted, waitStart: r.wait_start, relation: r.relation }))
  return buildLockEdges(locks, waiters.blocking, waiters.leaderOf)
}
