/**
 * `tusk vacuum --db <url> [--json]`: when autovacuum will next run on each
 * table and why not yet, wraparound ages, xmin holders and what runs now,
 * from the same reader as the app's Vacuum tab.
 */
import pg from 'pg'
import type { VacuumReport } from '@shared/vacuum/vacuum-report'
import { readVacuumReport } from '../core/services/vacuum/vacuum-report-reader'

export async function vacuumCommand(options: { db: string; json: boolean }, out: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: options.db, application_name: 'Tusk monitor' })
  await client.connect()
  try {
    const report = await readVacuumReport(client)
    if (options.json) out(JSON.stringify(vacuumJson(report)))
    else for (const line of renderVacuumReport(report)) out(line)
    return 0
  } finally {
    await client.end()
  }
}

/** The documented JSON shape (issue 13), fields in that order. */
export function vacuumJson(report: VacuumReport) {
  return {
    tables: report.tables.map((t) => ({
      schema: t.schema,
      table: t.table,
      relkind: t.relkind,
      liveTuples: t.liveTuples,
      deadTuples: t.deadTuples,
      insertsSinceVacuum: t.insertsSinceVacuum,
      modsSinceAnalyze: t.modsSinceAnalyze,
      vacuumThreshold: t.vacuumThreshold,
      insertThreshold: t.insertThreshold,
      analyzeThreshold: t.analyzeThreshold,
      vacuumDue: t.vacuumDue,
      analyzeDue: t.analyzeDue,
      wraparoundDue: t.wraparoundDue,
      autovacuumEnabled: t.autovacuumEnabled,
      reason: t.reason
    })),
    databases: report.databases.map((d) => ({ name: d.name, xidAge: d.xidAge, mxidAge: d.mxidAge, freezeMaxAge: d.freezeMaxAge })),
    xminHolders: report.xminHolders,
    running: report.running
  }
}

/** User tables closest to their next autovacuum first, then the wraparound ages and holders. */
export function renderVacuumReport(report: VacuumReport): string[] {
  const lines: string[] = []
  if (!report.autovacuum || !report.trackCounts) lines.push(`${!report.trackCounts ? 'track_counts' : 'autovacuum'} is off: only wraparound vacuums run.`)
  const user = report.tables.filter((t) => t.schema !== 'pg_catalog' && t.schema !== 'information_schema' && t.relkind !== 't')
  const ranked = [...user].sort((a, b) => Number(b.vacuumDue) - Number(a.vacuumDue) || (b.vacuumProgress ?? -1) - (a.vacuumProgress ?? -1))
  lines.push(`Tables (${user.length} user tables, ${report.tables.length} in all):`)
  for (const t of ranked.slice(0, 20)) {
    const pct = t.vacuumProgress === null ? '   – ' : `${Math.round(t.vacuumProgress * 100).toString().padStart(4)}%`
    lines.push(`  ${pct}  ${t.schema}.${t.table}  ${t.reason}`)
  }
  lines.push('', 'Databases (transaction ID age / autovacuum_freeze_max_age):')
  for (const d of report.databases) lines.push(`  ${d.name}  ${d.xidAge.toLocaleString('en-US')} / ${d.freezeMaxAge.toLocaleString('en-US')}  (multixact ${d.mxidAge.toLocaleString('en-US')})`)
  lines.push('', report.xminHolders.length === 0 ? 'Nothing holds back the xmin horizon.' : 'Holding back cleanup (oldest first):')
  for (const h of report.xminHolders.slice(0, 10)) {
    lines.push(`  ${h.kind}${h.pid !== null ? ` pid ${h.pid}` : ''}${h.name ? ` ${h.name}` : ''}: xmin age ${h.xminAge ?? '?'}${h.deadTuplesKept !== null ? `, keeps ${h.deadTuplesKept} dead tuples` : ''}`)
  }
  lines.push('', `Running now (autovacuum workers ${report.workersBusy}/${report.maxWorkers}):`)
  if (report.running.length === 0) lines.push('  nothing')
  for (const r of report.running) lines.push(`  ${r.kind} ${r.relation ?? '?'} pid ${r.pid}${r.auto ? ' (autovacuum)' : ''}: ${r.phase}${r.progress !== null ? ` ${Math.round(r.progress * 100)}%` : ''}`)
  return lines
}
