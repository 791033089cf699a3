/**
 * What maintenance runs now: the pg_stat_progress_* views (each row read as
 * JSON, so the columns of every major come through), and the autovacuum
 * workers busy against autovacuum_max_workers. Cheap enough for a 2 s poll.
 */
import type pg from 'pg'
import { progressOf } from '@shared/vacuum/maintenance-progress'
import type { RunningMaintenance, VacuumRunning } from '@shared/vacuum/vacuum-report'

type Queryable = Pick<pg.ClientBase, 'query'>

export async function readRunning(db: Queryable, serverVersionNum: number): Promise<VacuumRunning> {
  const views: [RunningMaintenance['kind'], string][] = [['vacuum', 'pg_stat_progress_vacuum']]
  if (serverVersionNum >= 130000) views.push(['analyze', 'pg_stat_progress_analyze'])
  views.push(['create-index', 'pg_stat_progress_create_index'], ['cluster', 'pg_stat_progress_cluster'])
  const progress = views.map(([kind, view]) => `select '${kind}'::text as kind, to_jsonb(p) as j from ${view} p`).join(' union all ')
  const rows = await db.query<{ kind: RunningMaintenance['kind']; j: Record<string, unknown>; backend_type: string | null; command: string | null; started_at: number | null; relation: string | null }>(
    `with prog as (${progress})
     select prog.kind, prog.j, a.backend_type, left(a.query, 300) as command, (extract(epoch from a.query_start) * 1000)::float8 as started_at,
            case when c.oid is not null then n.nspname || '.' || c.relname else 'relation ' || (prog.j->>'relid') end as relation
       from prog
       left join pg_stat_activity a on a.pid = (prog.j->>'pid')::int
       left join pg_class c on prog.j->>'datname' = current_database() and c.oid = (prog.j->>'relid')::oid
       left join pg_namespace n on n.oid = c.relnamespace`
  )
  const workers = await db.query<{ busy: number; max: number }>(
    `select (select count(*) from pg_stat_activity where backend_type = 'autovacuum worker')::int as busy,
            current_setting('autovacuum_max_workers')::int as max`
  )
  return {
    takenAt: Date.now(),
    running: rows.rows.map((r) => ({
      kind: r.kind,
      pid: Number(r.j.pid),
      database: typeof r.j.datname === 'string' ? r.j.datname : null,
      relation: r.relation,
      auto: r.backend_type === 'autovacuum worker',
      wraparound: r.command?.includes('(to prevent wraparound)') ?? false,
      startedAt: r.started_at,
      command: r.command,
      ...progressOf(r.kind, r.j)
    })),
    workersBusy: workers.rows[0]!.busy,
    maxWorkers: workers.rows[0]!.max
  }
}
