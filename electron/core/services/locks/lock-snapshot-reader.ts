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

/** Every value as the text PostgreSQL sent (the activity watcher reads these rows in its own message). */
const rawText = { getTypeParser: () => (value: string) => value }

/**
 * The lock rows of every tag somebody waits on, as raw text cells: the
 * activity watcher sends this statement in its poll's own message while
 * sessions wait (one round trip), and `readLockEdges` on its own otherwise.
 */
export function lockRowsSql(serverVersionNum: number): string {
  // extract() is numeric since PG 14: float8 gives a plain number's text.
  const waitStart = serverVersionNum >= 140000 ? '(extract(epoch from l.waitstart) * 1000)::float8' : 'null::float8'
  return `with l as (
         select pl.*, concat_ws(':', pl.locktype, coalesce(pl.database::text, ''), coalesce(pl.relation::text, ''), coalesce(pl.page::text, ''),
                                coalesce(pl.tuple::text, ''), coalesce(pl.virtualxid, ''), coalesce(pl.transactionid::text, ''),
                                coalesce(pl.classid::text, ''), coalesce(pl.objid::text, ''), coalesce(pl.objsubid::text, '')) as tag
           from pg_locks pl)
       select l.pid, l.tag, l.locktype, l.mode, l.granted, ${waitStart},
              case when l.relation is not null then n.nspname || '.' || c.relname end
         from l
         left join pg_class c on c.oid = l.relation and l.database in (0, (select oid from pg_database where datname = current_database()))
         left join pg_namespace n on n.oid = c.relnamespace
        where l.tag in (select tag from l where not granted)`
}

/** The edges from `lockRowsSql`'s rows and the waiters a pg_stat_activity scan found. */
export function lockEdgesOf(rows: ReadonlyArray<ReadonlyArray<string | null>>, waiters: LockWaiters): LockEdge[] {
  // Prepared transactions hold locks with a NULL pid; pg_blocking_pids() calls them 0.
  const locks: LockRow[] = rows.map(([pid, tag, locktype, mode, granted, waitStart, relation]) => ({
    pid: pid ? Number(pid) : 0,
    tag: tag!,
    locktype: locktype!,
    mode: mode!,
    granted: granted === 't',
    waitStart: waitStart ? Number(waitStart) : null,
    relation: relation ?? null
  }))
  return buildLockEdges(locks, waiters.blocking, waiters.leaderOf)
}

/** The lock graph's edges: pg_locks is read only when somebody waits, filtered on the server to the tags waited on. */
export async function readLockEdges(db: Queryable, serverVersionNum: number, waiters: LockWaiters): Promise<LockEdge[]> {
  if (waiters.blocking.size === 0) return []
  const result = await db.query<Array<string | null>>({ text: lockRowsSql(serverVersionNum), rowMode: 'array', types: rawText })
  return lockEdgesOf(result.rows, waiters)
}

/** What the activity watcher is handed by the composition root (services do not import each other). */
export const lockGraphReader = { rowsSql: lockRowsSql, edges: lockEdgesOf }
