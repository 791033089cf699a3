/**
 * The forecast's one catalog read: every table, materialized view and TOAST
 * table autovacuum looks at (not temporary ones: it skips them), with its
 * counters from the pg_stat_get_* functions directly (cheaper than the
 * pg_stat_all_tables view, which also aggregates index scans).
 */
import type pg from 'pg'
import type { AutovacuumSettings } from '@shared/vacuum/autovacuum-options'
import { forecastTable } from '@shared/vacuum/autovacuum-forecast'
import type { VacuumTable } from '@shared/vacuum/vacuum-report'

type Queryable = Pick<pg.ClientBase, 'query'>

interface ForecastRow {
  schema: string
  table: string
  relkind: 'r' | 'm' | 't'
  is_pg_statistic: boolean
  toast_of: string | null
  reltuples: number
  relpages: number
  relallfrozen: number | null
  xid_age: number | null
  mxid_age: number | null
  reloptions: string[] | null
  owner_reloptions: string[] | null
  live: number
  dead: number
  inserts: number | null
  mods: number
  last_vacuum: number | null
  last_autovacuum: number | null
  last_analyze: number | null
  last_autoanalyze: number | null
  vacuum_count: number
  autovacuum_count: number
  analyze_count: number
  autoanalyze_count: number
}

const epochMs = (expression: string) => `(extract(epoch from ${expression}) * 1000)::float8`

export async function readForecast(db: Queryable, settings: AutovacuumSettings): Promise<VacuumTable[]> {
  const v = settings.serverVersionNum
  // One statement string is one implicit transaction: the stats snapshot is taken once for all
  // 20,000 relations instead of one shared-memory lookup per counter (PG 15+; 3× cheaper).
  const snapshot = v >= 150000 ? "select set_config('stats_fetch_consistency', 'snapshot', true);\n" : ''
  const results = (await db.query(
    `${snapshot}select n.nspname as schema, c.relname as table, c.relkind::text as relkind,
            c.oid = 'pg_catalog.pg_statistic'::regclass as is_pg_statistic,
            case when o.oid is not null then on_.nspname || '.' || o.relname end as toast_of,
            c.reltuples::float8 as reltuples, c.relpages, ${v >= 180000 ? 'c.relallfrozen' : 'null::int'} as relallfrozen,
            case when c.relfrozenxid::text::bigint >= 3 then age(c.relfrozenxid) end as xid_age,
            case when c.relminmxid::text::bigint >= 1 then mxid_age(c.relminmxid) end as mxid_age,
            c.reloptions, o.reloptions as owner_reloptions,
            pg_stat_get_live_tuples(c.oid)::float8 as live, pg_stat_get_dead_tuples(c.oid)::float8 as dead,
            ${v >= 130000 ? 'pg_stat_get_ins_since_vacuum(c.oid)::float8' : 'null::float8'} as inserts,
            pg_stat_get_mod_since_analyze(c.oid)::float8 as mods,
            ${epochMs('pg_stat_get_last_vacuum_time(c.oid)')} as last_vacuum, ${epochMs('pg_stat_get_last_autovacuum_time(c.oid)')} as last_autovacuum,
            ${epochMs('pg_stat_get_last_analyze_time(c.oid)')} as last_analyze, ${epochMs('pg_stat_get_last_autoanalyze_time(c.oid)')} as last_autoanalyze,
            pg_stat_get_vacuum_count(c.oid)::float8 as vacuum_count, pg_stat_get_autovacuum_count(c.oid)::float8 as autovacuum_count,
            pg_stat_get_analyze_count(c.oid)::float8 as analyze_count, pg_stat_get_autoanalyze_count(c.oid)::float8 as autoanalyze_count
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_class o on c.relkind = 't' and o.reltoastrelid = c.oid
       left join pg_namespace on_ on on_.oid = o.relnamespace
      where c.relkind in ('r', 'm', 't') and c.relpersistence <> 't'`
  )) as unknown as pg.QueryResult<ForecastRow> | pg.QueryResult[]
  const rows = (Array.isArray(results) ? results[results.length - 1] : results) as pg.QueryResult<ForecastRow>
  return rows.rows.map((r) => {
    const decision = forecastTable(settings, {
      schema: r.schema,
      table: r.table,
      relkind: r.relkind,
      reltuples: r.reltuples,
      relpages: r.relpages,
      relallfrozen: r.relallfrozen,
      xidAge: r.xid_age,
      mxidAge: r.mxid_age,
      liveTuples: r.live,
      deadTuples: r.dead,
      insertsSinceVacuum: r.inserts,
      modsSinceAnalyze: r.mods,
      reloptions: r.reloptions,
      ownerReloptions: r.owner_reloptions,
      isPgStatistic: r.is_pg_statistic
    })
    return {
      schema: r.schema,
      table: r.table,
      relkind: r.relkind,
      toastOf: r.toast_of,
      liveTuples: r.live,
      deadTuples: r.dead,
      insertsSinceVacuum: r.inserts,
      modsSinceAnalyze: r.mods,
      ...decision,
      xidAge: r.xid_age,
      mxidAge: r.mxid_age,
      lastVacuum: r.last_vacuum,
      lastAutovacuum: r.last_autovacuum,
      lastAnalyze: r.last_analyze,
      lastAutoanalyze: r.last_autoanalyze,
      vacuumCount: r.vacuum_count,
      autovacuumCount: r.autovacuum_count,
      analyzeCount: r.analyze_count,
      autoanalyzeCount: r.autoanalyze_count
    }
  })
}
