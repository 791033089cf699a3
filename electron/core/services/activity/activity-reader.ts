/**
 * What one activity poll reads, in one round trip: sessions (filtered on the
 * server: never our own) with `pg_blocking_pids()` for the sessions waiting on
 * a lock only, then database counters for rates and max_connections.
 *
 * Why one scan and raw text: at 10,000 backends PostgreSQL's own
 * pg_stat_activity costs a quarter of a second (each row finds its PGPROC by
 * a linear search, so the scan is quadratic in the number of backends), so
 * the poll reads it once — the lock graph takes its waiters from this scan
 * instead of a second one. Rows stay the server's text (no type parsers, no
 * object per row): the watcher compares them cell by cell with the previous
 * poll and builds a session object only for what changed.
 */
import type pg from 'pg'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import type { Cells } from '@shared/activity/keyed-diff'

export interface DatabaseCounters {
  transactions: number
  tuples: number
  blockReads: number
  blockHits: number
}

/** The cells of one session row, in the order `sessionsSql` selects them. */
export const sessionColumn = {
  pid: 0,
  leaderPid: 1,
  database: 2,
  user: 3,
  application: 4,
  client: 5,
  backendType: 6,
  state: 7,
  waitEventType: 8,
  waitEvent: 9,
  transactionStart: 10,
  queryStart: 11,
  query: 12,
  /** pg_blocking_pids() as int[] text, only for sessions waiting on a lock. */
  blocking: 13
} as const

export interface ActivityReading {
  rows: Cells[]
  counters: DatabaseCounters & { maxConnections: number }
  /** The rows of `alsoSql`, when one was given. */
  also: Cells[] | null
}

/** Every value as the text PostgreSQL sent. */
const rawText = { getTypeParser: () => (value: string) => value }

function sessionsSql(versionNum: number): string {
  const leader = versionNum >= 130000 ? 'leader_pid' : 'null::int'
  return `select pid, ${leader}, datname, usename, application_name,
                 coalesce(host(client_addr), case when client_port = -1 then 'local socket' end),
                 backend_type, state, wait_event_type, wait_event,
                 (extract(epoch from xact_start) * 1000)::float8,
                 (extract(epoch from query_start) * 1000)::float8,
                 left(query, 2000),
                 case when wait_event_type = 'Lock' then pg_blocking_pids(pid) end
            from pg_stat_activity
           where pid <> pg_backend_pid()`
}

const countersSql = `select sum(xact_commit + xact_rollback), sum(tup_returned + tup_fetched + tup_inserted + tup_updated + tup_deleted),
                            sum(blks_read), sum(blks_hit), current_setting('max_connections')
                       from pg_stat_database`

/** One statement's rows as the server's text. */
export async function readRawRows(db: Pick<pg.ClientBase, 'query'>, sql: string): Promise<Cells[]> {
  return (await db.query<Array<string | null>>({ text: sql, rowMode: 'array', types: rawText })).rows
}

/** `alsoSql`: one more statement sent in the same message (the lock rows, while sessions wait). */
export async function readActivity(db: Pick<pg.ClientBase, 'query'>, versionNum: number, alsoSql?: string): Promise<ActivityReading> {
  // Statements in one simple-Query message: one round trip, a result each.
  const text = [sessionsSql(versionNum), countersSql, ...(alsoSql ? [alsoSql] : [])].join(';\n')
  const results = (await db.query({ text, rowMode: 'array', types: rawText })) as unknown as Array<pg.QueryArrayResult<Array<string | null>>>
  const [sessions, counters, also] = results
  const c = counters!.rows[0]!
  return {
    rows: sessions!.rows,
    also: also?.rows ?? null,
    counters: { transactions: Number(c[0]), tuples: Number(c[1]), blockReads: Number(c[2]), blockHits: Number(c[3]), maxConnections: Number(c[4]) }
  }
}

const numberOrNull = (cell: string | null | undefined) => (cell === null || cell === undefined ? null : Number(cell))

/** A row of the poll as the contract's session (only for rows that changed). */
export function sessionOfRow(row: Cells): ActivitySession {
  const c = sessionColumn
  return {
    pid: Number(row[c.pid]),
    leaderPid: numberOrNull(row[c.leaderPid]),
    database: row[c.database] ?? null,
    user: row[c.user] ?? null,
    application: row[c.application] ?? null,
    state: row[c.state] ?? null,
    waitEventType: row[c.waitEventType] ?? null,
    waitEvent: row[c.waitEvent] ?? null,
    query: row[c.query] ?? null,
    client: row[c.client] ?? null,
    backendType: row[c.backendType] ?? null,
    transactionStart: numberOrNull(row[c.transactionStart]),
    queryStart: numberOrNull(row[c.queryStart])
  }
}

/** `{101,102}` → [101, 102]; the waiters' blockers and parallel leaders, for the lock graph. */
export function lockWaitersOf(rows: readonly Cells[]): { blocking: Map<number, number[]>; leaderOf: Map<number, number> } {
  const blocking = new Map<number, number[]>()
  const leaderOf = new Map<number, number>()
  for (const row of rows) {
    const pid = Number(row[sessionColumn.pid])
    const leader = row[sessionColumn.leaderPid]
    if (leader !== null && leader !== undefined && Number(leader) !== pid) leaderOf.set(pid, Number(leader))
    const pids = row[sessionColumn.blocking]
    if (pids && pids.length > 2) blocking.set(pid, pids.slice(1, -1).split(',').map(Number))
  }
  return { blocking, leaderOf }
}
