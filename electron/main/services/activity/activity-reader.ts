/**
 * What one activity poll reads: sessions (filtered on the server: never our
 * own), database counters for rates, and max_connections. Columns that depend
 * on the server version are chosen once per watcher.
 */
import type pg from 'pg'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import { backendSessionOf, type BackendSessionRow } from '@shared/sessions/backend-session'

export interface DatabaseCounters {
  transactions: number
  tuples: number
  blockReads: number
  blockHits: number
}

export async function readSessions(db: Pick<pg.ClientBase, 'query'>, versionNum: number): Promise<ActivitySession[]> {
  const leader = versionNum >= 130000 ? 'leader_pid' : 'null::int'
  const result = await db.query<BackendSessionRow & { client: string | null; backend_type: string | null; xact_start: number | null; query_start: number | null }>(
    `select pid, ${leader} as leader_pid, datname, usename, application_name,
            coalesce(host(client_addr), case when client_port = -1 then 'local socket' end) as client,
            backend_type, state, wait_event_type, wait_event,
            (extract(epoch from xact_start) * 1000)::float8 as xact_start,
            (extract(epoch from query_start) * 1000)::float8 as query_start,
            left(query, 2000) as query
       from pg_stat_activity
      where pid <> pg_backend_pid()`
  )
  return result.rows.map((r) => ({
    ...backendSessionOf(r),
    client: r.client,
    backendType: r.backend_type,
    transactionStart: r.xact_start,
    queryStart: r.query_start
  }))
}

export async function readCounters(db: Pick<pg.ClientBase, 'query'>): Promise<DatabaseCounters & { maxConnections: number }> {
  const result = await db.query<{ xacts: string; tuples: string; reads: string; hits: string; max_connections: string }>(
    `select sum(xact_commit + xact_rollback) as xacts,
            sum(tup_returned + tup_fetched + tup_inserted + tup_updated + tup_deleted) as tuples,
            sum(blks_read) as reads, sum(blks_hit) as hits,
            current_setting('max_connections') as max_connections
       from pg_stat_database`
  )
  const r = result.rows[0]!
  return { transactions: Number(r.xacts), tuples: Number(r.tuples), blockReads: Number(r.reads), blockHits: Number(r.hits), maxConnections: Number(r.max_connections) }
}
