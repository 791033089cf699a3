/**
 * Who holds back cleanup, and how much dead data each keeps alive.
 *
 * After a VACUUM, a table's dead-tuple count is what it could not remove
 * (still visible to some snapshot). So the dead tuples of a table vacuumed
 * after a holder began are the ones that holder may be keeping. Since PG 14 a
 * session's snapshot only holds back its own database's tables, so only
 * holders in this database (or server-wide ones with a start time) get them.
 */
import type { VacuumTable, XminHolder } from './vacuum-report'

export function attributeDeadTuples(holders: readonly XminHolder[], tables: readonly VacuumTable[], currentDatabase: string): XminHolder[] {
  const vacuumed = tables.map((t) => ({ at: Math.max(t.lastVacuum ?? 0, t.lastAutovacuum ?? 0), dead: t.deadTuples })).filter((t) => t.at > 0 && t.dead > 0)
  return holders.map((holder) => {
    if (holder.since === null || (holder.database !== null && holder.database !== currentDatabase)) return { ...holder, deadTuplesKept: null }
    const kept = vacuumed.filter((t) => t.at >= holder.since!).reduce((sum, t) => sum + t.dead, 0)
    return { ...holder, deadTuplesKept: kept }
  })
}

/** Oldest first: the first holder is the one that sets the horizon. */
export function byXminAge(a: XminHolder, b: XminHolder): number {
  return (b.xminAge ?? -1) - (a.xminAge ?? -1)
}

/** How close an age is to the hard limit: the plain scale the wraparound panel shows. */
export type WraparoundDanger = 'fine' | 'watch' | 'act' | 'emergency'
export const xidHardLimit = 2 ** 31

export function wraparoundDanger(age: number, freezeMaxAge: number): WraparoundDanger {
  if (age > xidHardLimit - 40_000_000) return 'emergency'
  if (age > Math.max(freezeMaxAge * 2, 1_000_000_000)) return 'act'
  if (age > freezeMaxAge) return 'watch'
  return 'fine'
}

export const dangerAdvice: Record<WraparoundDanger, string> = {
  fine: 'Below autovacuum_freeze_max_age: nothing to do.',
  watch: 'Past autovacuum_freeze_max_age: an anti-wraparound autovacuum is due; check it runs and is not blocked by an old xmin holder.',
  act: 'Far past the freeze age: run VACUUM (FREEZE) on the oldest tables now and end long transactions or stale replication slots.',
  emergency: 'Near the 2-billion limit: the server will stop assigning transaction IDs. Vacuum the oldest tables immediately (VACUUM, not VACUUM FULL).'
}
