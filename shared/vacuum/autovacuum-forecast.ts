/**
 * When autovacuum will next vacuum or analyze a table, and why not yet.
 *
 * A transcription of PostgreSQL's relation_needs_vacanalyze (autovacuum.c) for
 * majors 12–18, in the server's own float4 arithmetic (Math.fround), so a
 * table sitting exactly on its threshold gets the server's answer:
 *   vacuum  when dead tuples > threshold + scale × reltuples (PG 18: capped),
 *           or inserts since vacuum > insert threshold + insert scale × reltuples
 *           (PG 13+; PG 18 scales by the unfrozen share of pages),
 *           or the table is at risk of XID/multixact wraparound (always, even
 *           with autovacuum_enabled = false or autovacuum off);
 *   analyze when rows changed since analyze > analyze threshold + scale × reltuples
 *           (never for TOAST tables nor pg_statistic).
 * With `autovacuum` or `track_counts` off only wraparound vacuums happen.
 */
import { autovacuumParameters, effectiveReloptions, type AutovacuumSettings } from './autovacuum-options'

const f4 = Math.fround

/** What the forecast reads about one relation (pg_class + pg_stat_all_tables). */
export interface ForecastInput {
  schema: string
  table: string
  relkind: 'r' | 'm' | 't'
  /** pg_class.reltuples: -1 (PG 14+) or 0 (before) when never vacuumed nor analyzed. */
  reltuples: number
  relpages: number
  /** PG 18+; null before. */
  relallfrozen: number | null
  /** age(relfrozenxid) and mxid_age(relminmxid); null when not valid (no frozen xid recorded). */
  xidAge: number | null
  mxidAge: number | null
  liveTuples: number
  deadTuples: number
  /** n_ins_since_vacuum, PG 13+; null before. */
  insertsSinceVacuum: number | null
  modsSinceAnalyze: number
  reloptions: readonly string[] | null
  /** For a TOAST table, its owner's reloptions (used when it has none of its own). */
  ownerReloptions?: readonly string[] | null
  /** pg_catalog.pg_statistic: ANALYZE refuses to work on it. */
  isPgStatistic?: boolean
}

export interface ForecastDecision {
  autovacuumEnabled: boolean
  /** null when the server makes no threshold decision (autovacuum or track_counts off). */
  vacuumThreshold: number | null
  insertThreshold: number | null
  analyzeThreshold: number | null
  vacuumDue: boolean
  analyzeDue: boolean
  wraparoundDue: boolean
  /** How far to the next autovacuum: 1 = the threshold; the larger of the dead-tuple and insert ratios. */
  vacuumProgress: number | null
  analyzeProgress: number | null
  reason: string
}

/** 12,345 (by hand: Intl's toLocaleString costs microseconds, and a forecast formats 60,000 numbers). */
export function groupDigits(value: number): string {
  const rounded = Math.round(value)
  return (rounded < 0 ? '-' : '') + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+$)/g, ',')
}
const n = groupDigits
/** "80 %", or "3,000 times" far past a threshold. */
const share = (ratio: number) => (ratio >= 10 ? `${n(ratio)} times` : `${Math.floor(ratio * 100)} %`)

export function forecastTable(settings: AutovacuumSettings, input: ForecastInput): ForecastDecision {
  const p = autovacuumParameters(settings, effectiveReloptions(input.reloptions, input.relkind === 't' ? (input.ownerReloptions ?? null) : undefined))
  const xidForced = input.xidAge !== null && input.xidAge > p.freezeMaxAge
  const mxidForced = !xidForced && input.mxidAge !== null && input.mxidAge > p.multixactFreezeMaxAge
  const wraparoundDue = xidForced || mxidForced
  const wraparoundReason = !wraparoundDue
    ? ''
    : xidForced
      ? `transaction ID age ${n(input.xidAge!)} > autovacuum_freeze_max_age ${n(p.freezeMaxAge)}: vacuum to prevent wraparound`
      : `multixact age ${n(input.mxidAge ?? 0)} > autovacuum_multixact_freeze_max_age ${n(p.multixactFreezeMaxAge)}: vacuum to prevent wraparound`
  const base = { autovacuumEnabled: p.enabled, wraparoundDue }

  if (!settings.autovacuum || !settings.trackCounts) {
    const off = !settings.trackCounts ? 'track_counts is off' : 'autovacuum is off'
    return {
      ...base,
      vacuumThreshold: null,
      insertThreshold: null,
      analyzeThreshold: null,
      vacuumDue: wraparoundDue,
      analyzeDue: false,
      vacuumProgress: null,
      analyzeProgress: null,
      reason: wraparoundDue ? `${wraparoundReason} (${off}: no other decision)` : `${off}: the server makes no threshold decision, only wraparound vacuums run`
    }
  }

  // "If the table hasn't yet been vacuumed, take reltuples as zero."
  const reltuples = f4(input.reltuples < 0 ? 0 : input.reltuples)
  let unfrozen = f4(1)
  if (input.relallfrozen !== null && input.relpages > 0 && input.relallfrozen > 0) {
    unfrozen = f4(1 - f4(f4(Math.min(input.relallfrozen, input.relpages)) / f4(input.relpages)))
  }
  let vacuumThreshold = f4(f4(p.vacuumThreshold) + f4(f4(p.vacuumScaleFactor) * reltuples))
  if (p.vacuumMaxThreshold >= 0 && vacuumThreshold > f4(p.vacuumMaxThreshold)) vacuumThreshold = f4(p.vacuumMaxThreshold)
  const insertScaled = settings.serverVersionNum >= 180000 ? f4(f4(f4(p.insertScaleFactor) * reltuples) * unfrozen) : f4(f4(p.insertScaleFactor) * reltuples)
  const insertThreshold = p.insertThreshold >= 0 && input.insertsSinceVacuum !== null ? f4(f4(p.insertThreshold) + insertScaled) : null
  const analyzeThreshold = f4(f4(p.analyzeThreshold) + f4(f4(p.analyzeScaleFactor) * reltuples))

  const dead = f4(input.deadTuples)
  const inserts = input.insertsSinceVacuum === null ? 0 : f4(input.insertsSinceVacuum)
  const mods = f4(input.modsSinceAnalyze)
  const deadDue = dead > vacuumThreshold
  const insertDue = insertThreshold !== null && inserts > insertThreshold
  const analyzeRefused = input.relkind === 't' || input.isPgStatistic === true
  // Disabled and not forced: the server stops before deciding; the thresholds are still shown.
  const skipped = !p.enabled && !wraparoundDue
  const vacuumDue = !skipped && (wraparoundDue || deadDue || insertDue)
  const analyzeDue = !skipped && !analyzeRefused && mods > analyzeThreshold

  // The server's own score (PG 19's pg_stat_autovacuum_scores): tuples / Max(threshold, 1).
  const deadRatio = dead / Math.max(vacuumThreshold, 1)
  const insertRatio = insertThreshold === null ? 0 : inserts / Math.max(insertThreshold, 1)
  const vacuumProgress = Math.max(deadRatio, insertRatio)
  const analyzeProgress = analyzeRefused ? null : mods / Math.max(analyzeThreshold, 1)

  const why: string[] = []
  if (skipped) why.push(`autovacuum_enabled = false on this table: only a wraparound vacuum will run (dead tuples at ${vacuumProgress >= 10 ? `${n(vacuumProgress)} times` : `${Math.floor(vacuumProgress * 100)} % of`} its threshold)`)
  else if (wraparoundDue) why.push(wraparoundReason + (p.enabled ? '' : ' (even though autovacuum_enabled = false)'))
  if (deadDue && !skipped) why.push(`${n(dead)} dead tuples > threshold ${n(vacuumThreshold)}`)
  if (insertDue && !skipped) why.push(`${n(inserts)} inserts since vacuum > insert threshold ${n(insertThreshold!)}`)
  if (!vacuumDue && !skipped) {
    why.push(
      insertRatio > deadRatio
        ? `waiting: ${n(inserts)} of ${n(insertThreshold!)} inserts since vacuum (${share(insertRatio)})`
        : `waiting: ${n(dead)} of ${n(vacuumThreshold)} dead tuples (${share(deadRatio)})`
    )
  }
  if (analyzeDue) why.push(`analyze: ${n(mods)} rows changed > threshold ${n(analyzeThreshold)}`)
  else if (input.isPgStatistic) why.push('pg_statistic is never analyzed')
  if (!p.enabled && analyzeDue) why.push('analyzed only because the wraparound vacuum runs anyway')

  return {
    ...base,
    vacuumThreshold,
    insertThreshold,
    analyzeThreshold: input.relkind === 't' ? null : analyzeThreshold,
    vacuumDue,
    analyzeDue,
    vacuumProgress,
    analyzeProgress,
    reason: why.join('; ')
  }
}
