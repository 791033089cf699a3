import { describe, expect, it } from 'vitest'
import { forecastTable, groupDigits, type ForecastInput } from '@shared/vacuum/autovacuum-forecast'
import { parseAutovacuumReloptions, parsePostgresBool, type AutovacuumSettings } from '@shared/vacuum/autovacuum-options'

/** PostgreSQL's defaults for a major. */
function settings(serverVersionNum: number, overrides: Partial<AutovacuumSettings> = {}): AutovacuumSettings {
  return {
    serverVersionNum,
    autovacuum: true,
    trackCounts: true,
    vacuumThreshold: 50,
    vacuumScaleFactor: 0.2,
    vacuumMaxThreshold: serverVersionNum >= 180000 ? 100_000_000 : null,
    insertThreshold: serverVersionNum >= 130000 ? 1000 : null,
    insertScaleFactor: serverVersionNum >= 130000 ? 0.2 : null,
    analyzeThreshold: 50,
    analyzeScaleFactor: 0.1,
    freezeMaxAge: 200_000_000,
    multixactFreezeMaxAge: 400_000_000,
    maxWorkers: 3,
    naptimeSeconds: 60,
    ...overrides
  }
}

function table(overrides: Partial<ForecastInput> = {}): ForecastInput {
  return {
    schema: 'public',
    table: 't',
    relkind: 'r',
    reltuples: 1000,
    relpages: 10,
    relallfrozen: 0,
    xidAge: 1000,
    mxidAge: 1,
    liveTuples: 1000,
    deadTuples: 0,
    insertsSinceVacuum: 0,
    modsSinceAnalyze: 0,
    reloptions: null,
    ...overrides
  }
}

const pg18 = settings(180000)

describe('autovacuum forecast', () => {
  it('vacuums only once dead tuples exceed 50 + 0.2 × reltuples (strictly more)', () => {
    expect(forecastTable(pg18, table({ deadTuples: 250 }))).toMatchObject({ vacuumThreshold: 250, vacuumDue: false, vacuumProgress: 1 })
    const due = forecastTable(pg18, table({ deadTuples: 251 }))
    expect(due).toMatchObject({ vacuumDue: true, analyzeDue: false })
    expect(due.reason).toContain('251 dead tuples > threshold 250')
  })

  it('caps the threshold of a huge table at autovacuum_vacuum_max_threshold on PG 18 only', () => {
    const big = table({ reltuples: 1e9, deadTuples: 150_000_000 })
    expect(forecastTable(pg18, big)).toMatchObject({ vacuumThreshold: 100_000_000, vacuumDue: true })
    expect(forecastTable(settings(170000), big)).toMatchObject({ vacuumThreshold: 200_000_048, vacuumDue: false }) // 200,000,050 in float4
  })

  it('has no insert threshold before PG 13, and one after', () => {
    const inserted = table({ insertsSinceVacuum: 1300, reltuples: 1000 })
    expect(forecastTable(settings(120000), { ...inserted, insertsSinceVacuum: null })).toMatchObject({ insertThreshold: null, vacuumDue: false })
    const pg15 = forecastTable(settings(150000), inserted)
    expect(pg15).toMatchObject({ insertThreshold: 1200, vacuumDue: true })
    expect(pg15.reason).toContain('1,300 inserts since vacuum > insert threshold 1,200')
  })

  it('scales the PG 18 insert threshold by the share of pages not yet all-frozen', () => {
    const half = table({ insertsSinceVacuum: 1150, relpages: 10, relallfrozen: 5 })
    expect(forecastTable(pg18, half)).toMatchObject({ insertThreshold: 1100, vacuumDue: true })
    expect(forecastTable(settings(170000), { ...half, relallfrozen: null })).toMatchObject({ insertThreshold: 1200, vacuumDue: false })
  })

  it('uses the table’s reloptions over the settings', () => {
    const tuned = table({ reloptions: ['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=10', 'autovacuum_analyze_threshold=5', 'fillfactor=70'], deadTuples: 11, modsSinceAnalyze: 106 })
    expect(forecastTable(pg18, tuned)).toMatchObject({ vacuumThreshold: 10, analyzeThreshold: 105, vacuumDue: true, analyzeDue: true })
  })

  it('computes in float4 like the server: 50 + 0.7 × 10 is exactly 57, so 57 dead tuples do not trigger', () => {
    // In doubles 0.7f × 10 is 6.99999988, which would make 57 > threshold.
    const edge = table({ reltuples: 10, deadTuples: 57, reloptions: ['autovacuum_vacuum_scale_factor=0.7'] })
    expect(forecastTable(pg18, edge)).toMatchObject({ vacuumThreshold: 57, vacuumDue: false })
  })

  it('gives a TOAST table its owner’s options unless it has its own, and never analyzes it', () => {
    const toast = table({ relkind: 't', reloptions: null, ownerReloptions: ['autovacuum_vacuum_threshold=5', 'autovacuum_vacuum_scale_factor=0'], deadTuples: 6, modsSinceAnalyze: 1e6 })
    expect(forecastTable(pg18, toast)).toMatchObject({ vacuumThreshold: 5, vacuumDue: true, analyzeDue: false, analyzeThreshold: null })
    // Its own reloptions win whole: unset ones fall back to the settings, not to the owner.
    expect(forecastTable(pg18, { ...toast, reloptions: ['autovacuum_analyze_threshold=1'] })).toMatchObject({ vacuumThreshold: 250, vacuumDue: false })
    const ownerDisabled = forecastTable(pg18, { ...toast, ownerReloptions: ['autovacuum_enabled=off'] })
    expect(ownerDisabled).toMatchObject({ autovacuumEnabled: false, vacuumDue: false })
  })

  it('skips a table with autovacuum_enabled = false, but still forces it for wraparound and then analyzes it', () => {
    const disabled = table({ reloptions: ['autovacuum_enabled=false'], deadTuples: 10_000, modsSinceAnalyze: 10_000 })
    const skipped = forecastTable(pg18, disabled)
    expect(skipped).toMatchObject({ autovacuumEnabled: false, vacuumDue: false, analyzeDue: false, vacuumThreshold: 250, analyzeThreshold: 150 })
    expect(skipped.reason).toBe('autovacuum_enabled = false on this table: only a wraparound vacuum will run (dead tuples at 40 times its threshold)')
    const old = forecastTable(pg18, { ...disabled, xidAge: 250_000_000 })
    expect(old).toMatchObject({ wraparoundDue: true, vacuumDue: true, analyzeDue: true, vacuumThreshold: 250 })
    expect(old.reason).toMatch(/prevent wraparound/)
    expect(forecastTable(pg18, { ...disabled, xidAge: 250_000_000, modsSinceAnalyze: 10 }).analyzeDue).toBe(false)
  })

  it('forces a vacuum for multixact age, and honours a lower per-table freeze max age', () => {
    expect(forecastTable(pg18, table({ mxidAge: 400_000_001 }))).toMatchObject({ wraparoundDue: true, vacuumDue: true })
    expect(forecastTable(pg18, table({ xidAge: 150_000_001, reloptions: ['autovacuum_freeze_max_age=150000000'] })).wraparoundDue).toBe(true)
    // A per-table value above the setting is capped by it.
    expect(forecastTable(pg18, table({ xidAge: 199_000_000, reloptions: ['autovacuum_freeze_max_age=1000000000'] })).wraparoundDue).toBe(false)
  })

  it('makes no threshold decision when track_counts or autovacuum is off, except for wraparound', () => {
    const busy = table({ deadTuples: 10_000, modsSinceAnalyze: 10_000 })
    const noCounts = forecastTable(settings(180000, { trackCounts: false }), busy)
    expect(noCounts).toMatchObject({ vacuumThreshold: null, analyzeThreshold: null, vacuumDue: false, analyzeDue: false })
    expect(noCounts.reason).toMatch(/track_counts is off/)
    expect(forecastTable(settings(150000, { autovacuum: false }), { ...busy, xidAge: 300_000_000 })).toMatchObject({ vacuumDue: true, analyzeDue: false, wraparoundDue: true })
  })

  it('takes reltuples -1 (never vacuumed nor analyzed) as zero', () => {
    const fresh = forecastTable(pg18, table({ reltuples: -1, deadTuples: 51, modsSinceAnalyze: 51 }))
    expect(fresh).toMatchObject({ vacuumThreshold: 50, analyzeThreshold: 50, vacuumDue: true, analyzeDue: true })
  })

  it('never analyzes pg_statistic', () => {
    const stats = forecastTable(pg18, table({ schema: 'pg_catalog', table: 'pg_statistic', isPgStatistic: true, modsSinceAnalyze: 1e6 }))
    expect(stats.analyzeDue).toBe(false)
    expect(stats.reason).toMatch(/pg_statistic is never analyzed/)
  })

  it('says how far along the table is when nothing is due yet', () => {
    const waiting = forecastTable(pg18, table({ deadTuples: 125 }))
    expect(waiting.vacuumProgress).toBe(0.5)
    expect(waiting.reason).toBe('waiting: 125 of 250 dead tuples (50 %)')
  })
})

describe('reloptions', () => {
  it('reads booleans the way PostgreSQL does', () => {
    expect(['on', 'true', 't', 'yes', 'y', '1'].map(parsePostgresBool)).toEqual([true, true, true, true, true, true])
    expect(['off', 'of', 'false', 'f', 'no', 'n', '0'].map(parsePostgresBool)).toEqual([false, false, false, false, false, false, false])
    expect(parsePostgresBool('o')).toBeUndefined()
  })

  it('keeps unset options unset and a relation without reloptions as null', () => {
    expect(parseAutovacuumReloptions(null)).toBeNull()
    expect(parseAutovacuumReloptions(['fillfactor=70'])).toEqual({})
    expect(parseAutovacuumReloptions(['autovacuum_vacuum_insert_threshold=-1', 'autovacuum_vacuum_threshold=0x10'])).toEqual({ insertThreshold: -1, vacuumThreshold: 16 })
  })
})

describe('groupDigits', () => {
  it('writes thousands separators like en-US', () => {
    expect([0, 7, 999, 1000, 12_345, 1_234_567, -4500, 2.6].map(groupDigits)).toEqual(['0', '7', '999', '1,000', '12,345', '1,234,567', '-4,500', '3'])
  })
})
