/**
 * The whole report, read on a slow cadence (30–60 s): forecast, databases,
 * xmin holders with the dead tuples they keep, and what runs now.
 */
import type pg from 'pg'
import type { VacuumReport } from '@shared/vacuum/vacuum-report'
import { attributeDeadTuples } from '@shared/vacuum/xmin-horizon'
import { readForecast } from './vacuum-forecast-reader'
import { readDatabases, readXminHolders } from './vacuum-health-reader'
import { readRunning } from './vacuum-progress-reader'
import { readAutovacuumSettings } from './vacuum-settings-reader'

type Queryable = Pick<pg.ClientBase, 'query'>

export async function readVacuumReport(db: Queryable): Promise<VacuumReport> {
  const started = performance.now()
  const settings = await readAutovacuumSettings(db)
  const tables = await readForecast(db, settings)
  const databases = await readDatabases(db, settings)
  const current = (await db.query<{ name: string }>('select current_database() as name')).rows[0]!.name
  const xminHolders = attributeDeadTuples(await readXminHolders(db), tables, current)
  const running = await readRunning(db, settings.serverVersionNum)
  return {
    ...running,
    serverVersionNum: settings.serverVersionNum,
    autovacuum: settings.autovacuum,
    trackCounts: settings.trackCounts,
    naptimeSeconds: settings.naptimeSeconds,
    tables,
    databases,
    xminHolders,
    queryMs: performance.now() - started
  }
}
