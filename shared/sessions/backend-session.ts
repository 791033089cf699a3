/**
 * A PostgreSQL backend session as pg_stat_activity shows it, written once.
 *
 * The activity view and the lock graph both show sessions; each adds its own
 * figures (the activity view the client and start times, the lock graph the
 * transaction's age) to this common shape, and both services read the common
 * columns under the same names and map them the same way.
 */
import { z } from 'zod'

export const backendSessionSchema = z.object({
  pid: z.number().int(),
  /** The parallel group's leader (PostgreSQL 13+); null for a leader or a plain backend. */
  leaderPid: z.number().int().nullable(),
  database: z.string().nullable(),
  user: z.string().nullable(),
  application: z.string().nullable(),
  state: z.string().nullable(),
  waitEventType: z.string().nullable(),
  waitEvent: z.string().nullable(),
  query: z.string().nullable()
})
export type BackendSession = z.infer<typeof backendSessionSchema>

/** The pg_stat_activity columns behind a `BackendSession`, as a query selects them. */
export interface BackendSessionRow {
  pid: number
  leader_pid: number | null
  datname: string | null
  usename: string | null
  application_name: string | null
  state: string | null
  wait_event_type: string | null
  wait_event: string | null
  query: string | null
}

export function backendSessionOf(row: BackendSessionRow): BackendSession {
  return {
    pid: row.pid,
    leaderPid: row.leader_pid,
    database: row.datname,
    user: row.usename,
    application: row.application_name,
    state: row.state,
    waitEventType: row.wait_event_type,
    waitEvent: row.wait_event,
    query: row.query
  }
}
