/** Autovacuum's settings as this server has them, one pg_settings read. */
import type pg from 'pg'
import type { AutovacuumSettings } from '@shared/vacuum/autovacuum-options'

type Queryable = Pick<pg.ClientBase, 'query'>

export async function readAutovacuumSettings(db: Queryable): Promise<AutovacuumSettings> {
  const rows = await db.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings
      where name in ('server_version_num', 'autovacuum', 'track_counts', 'autovacuum_vacuum_threshold', 'autovacuum_vacuum_scale_factor',
                     'autovacuum_vacuum_max_threshold', 'autovacuum_vacuum_insert_threshold', 'autovacuum_vacuum_insert_scale_factor',
                     'autovacuum_analyze_threshold', 'autovacuum_analyze_scale_factor', 'autovacuum_freeze_max_age',
                     'autovacuum_multixact_freeze_max_age', 'autovacuum_max_workers', 'autovacuum_naptime')`
  )
  const value = new Map(rows.rows.map((r) => [r.name, r.setting]))
  const number = (name: string) => Number(value.get(name))
  const optional = (name: string) => (value.has(name) ? number(name) : null)
  return {
    serverVersionNum: number('server_version_num'),
    autovacuum: value.get('autovacuum') === 'on',
    trackCounts: value.get('track_counts') === 'on',
    vacuumThreshold: number('autovacuum_vacuum_threshold'),
    vacuumScaleFactor: number('autovacuum_vacuum_scale_factor'),
    vacuumMaxThreshold: optional('autovacuum_vacuum_max_threshold'),
    insertThreshold: optional('autovacuum_vacuum_insert_threshold'),
    insertScaleFactor: optional('autovacuum_vacuum_insert_scale_factor'),
    analyzeThreshold: number('autovacuum_analyze_threshold'),
    analyzeScaleFactor: number('autovacuum_analyze_scale_factor'),
    freezeMaxAge: number('autovacuum_freeze_max_age'),
    multixactFreezeMaxAge: number('autovacuum_multixact_freeze_max_age'),
    maxWorkers: number('autovacuum_max_workers'),
    naptimeSeconds: number('autovacuum_naptime')
  }
}
