/**
 * Advice that is not an index but belongs in the same list: work_mem for a
 * spill or a lossy bitmap, VACUUM for an index-only scan that visits the heap,
 * and statistics for a scan whose estimate is 10× off.
 */
import type { FlatNode } from '../explain/analyse/plan-metrics'
import { quoteIdentifierIfNeeded } from '../sql/quote-identifier'
import { adviceThresholds as t } from './advice-thresholds'
import { advisable, count, percent, timeShare } from './advice-evidence'
import type { AdviceDraft, RuleInput } from './advice-draft'
import { conditionsOf } from './plan-conditions'

function target(f: FlatNode): string {
  const n = f.node
  return n.schema ? `${quoteIdentifierIfNeeded(n.schema)}.${quoteIdentifierIfNeeded(n.relation!)}` : quoteIdentifierIfNeeded(n.relation!)
}

/** A work_mem that holds `kb` with room to spare, rounded up to a power of two in MB. */
function workMemFor(kb: number): string {
  const mb = Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(1, kb / 1024))))
  return `${mb}MB`
}

function base(f: FlatNode, kind: AdviceDraft['kind'], severity: AdviceDraft['severity']): Omit<AdviceDraft, 'statement' | 'evidence' | 'reason'> {
  return { kind, severity, nodeId: f.id, schema: f.node.schema, table: f.node.relation, shape: null, columns: [], tentative: false }
}

const share = (f: FlatNode, input: RuleInput) => timeShare(f, input.rootCost)
const matters = (f: FlatNode, input: RuleInput) => (share(f, input) ?? 1) >= t.minTimeShare

/** A sort or hash that went to disk: work_mem large enough to keep it in memory. */
export function spillRule(f: FlatNode, input: RuleInput): AdviceDraft | null {
  if (!f.spilled || !matters(f, input)) return null
  const n = f.node
  // On disk a sort takes less room than in memory; a hash in batches needs about all its batches at once.
  const kb = n.sortSpaceType === 'Disk' && n.sortSpaceUsedKb !== null ? n.sortSpaceUsedKb * 2 : n.peakMemoryKb !== null && n.hashBatches !== null ? n.peakMemoryKb * n.hashBatches : (n.diskUsageKb ?? 0) * 2
  const size = workMemFor(kb)
  const seen = n.sortSpaceUsedKb !== null && n.sortSpaceType === 'Disk' ? `${count(n.sortSpaceUsedKb)} kB on disk` : n.diskUsageKb ? `${count(n.diskUsageKb)} kB on disk` : f.spillReason ?? 'spilled'
  return {
    ...base(f, 'work-mem', 'medium'),
    statement: `SET work_mem = '${size}'`,
    evidence: `${n.nodeType}: ${seen}${input.workMem ? ` with work_mem = ${input.workMem}` : ''}${share(f, input) !== null ? `; ${percent(share(f, input)!)} of the execution time` : ''}`,
    reason: `The ${n.nodeType.toLowerCase()} did not fit in work_mem and went to disk. Raise work_mem for this session or role (not server-wide: every sort and hash of every session may use that much).`
  }
}

/** A bitmap that went lossy: every row of those pages is rechecked. */
export function lossyBitmapRule(f: FlatNode, input: RuleInput): AdviceDraft | null {
  const n = f.node
  const lossy = Number(n.attributes['Lossy Heap Blocks'] ?? 0)
  if (n.nodeType !== 'Bitmap Heap Scan' || !(lossy > 0) || !matters(f, input)) return null
  const exact = Number(n.attributes['Exact Heap Blocks'] ?? 0)
  return {
    ...base(f, 'work-mem', 'medium'),
    statement: `SET work_mem = '${workMemFor(((exact + lossy) * 64) / 1024 + 4096)}'`,
    evidence: `${count(lossy)} lossy heap blocks (${count(exact)} exact); ${count((n.rowsRemovedByIndexRecheck ?? 0) * (n.loops ?? 1))} rows removed by the recheck`,
    reason: 'The bitmap outgrew work_mem and kept only which pages match, so every row on those pages is read and rechecked. More work_mem keeps it exact.'
  }
}

/** An index-only scan that still visits the table: the visibility map is behind. */
export function heapFetchRule(f: FlatNode, input: RuleInput): AdviceDraft | null {
  const n = f.node
  if (n.nodeType !== 'Index Only Scan' || (n.heapFetches ?? 0) < t.minHeapFetches || !advisable(f) || !matters(f, input)) return null
  return {
    ...base(f, 'vacuum', 'medium'),
    statement: `VACUUM (ANALYZE) ${target(f)}`,
    evidence: `${count(n.heapFetches!)} heap fetches for ${count((n.actualRows ?? 0) * (n.loops ?? 1))} rows returned`,
    reason: 'The index-only scan had to visit the table for rows whose pages are not marked all-visible. VACUUM updates the visibility map (and autovacuum may need tuning for this table).'
  }
}

/** Estimates 10× off on a scan: fresh statistics, or extended statistics when several columns are filtered together. */
export function statisticsRule(f: FlatNode, input: RuleInput): AdviceDraft | null {
  const n = f.node
  if (!f.misestimate || f.misestimate.factor < t.misestimateFactor || !advisable(f) || !matters(f, input)) return null
  if (n.actualRows === null || Math.max(n.actualRows, n.planRows ?? 0) < 100) return null
  const filter = n.filter ?? n.recheckCond ?? n.indexCond
  const conditions = filter ? (conditionsOf(filter, n.alias, n.relation) ?? []) : []
  // Expressions and operators without column statistics (full text, JSON) are not fixed by ANALYZE.
  if (conditions.length === 0 || conditions.some((c) => c.key === null || c.expression || !['eq', 'range', 'bool', 'is-null'].includes(c.kind))) return null
  const columns = [...new Set(conditions.map((c) => c.key!))]
  const evidence = `planned ${count(n.planRows ?? 0)} rows, got ${count(n.actualRows)} per loop (${f.misestimate.factor.toFixed(0)}× ${f.misestimate.direction === 'under' ? 'under' : 'over'}estimated)`
  if (columns.length >= 2) {
    const name = quoteIdentifierIfNeeded(`${n.relation}_${columns.join('_')}_stats`.slice(0, 63))
    return {
      ...base(f, 'statistics', 'medium'),
      columns,
      statement: `CREATE STATISTICS ${name} (dependencies, ndistinct, mcv) ON ${columns.map(quoteIdentifierIfNeeded).join(', ')} FROM ${target(f)}; ANALYZE ${target(f)}`,
      evidence,
      reason: `The planner multiplies the selectivity of ${columns.join(' and ')} as if they were independent; extended statistics tell it they are correlated.`
    }
  }
  return { ...base(f, 'statistics', 'medium'), columns, statement: `ANALYZE ${target(f)}`, evidence, reason: 'The statistics of this table are off: ANALYZE refreshes them (and a higher statistics target may help a skewed column).' }
}
