/**
 * One pg_stat_progress_* row (read as JSON, so every major's columns come
 * through) as a phase, a fraction and a few labelled figures.
 *
 * Vacuum: PG 17 replaced max_dead_tuples/num_dead_tuples with
 * max_dead_tuple_bytes/dead_tuple_bytes/num_dead_item_ids and added
 * indexes_total/indexes_processed; PG 18 added delay_time.
 */
import type { RunningMaintenance } from './vacuum-report'

type Row = Record<string, unknown>

const num = (row: Row, key: string): number | null => {
  const value = row[key]
  if (value === null || value === undefined) return null
  const parsed = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(parsed) ? parsed : null
}
const ratio = (done: number | null, total: number | null) => (done !== null && total !== null && total > 0 ? Math.min(1, done / total) : null)
const count = (value: number) => value.toLocaleString('en-US')
const bytes = (value: number) => (value >= 1 << 20 ? `${(value / (1 << 20)).toFixed(1)} MB` : `${Math.round(value / 1024)} kB`)

type Kind = RunningMaintenance['kind']

export function progressOf(kind: Kind, row: Row): Pick<RunningMaintenance, 'phase' | 'progress' | 'figures'> {
  const phase = typeof row.phase === 'string' ? row.phase : 'unknown'
  const figures: RunningMaintenance['figures'] = []
  const add = (label: string, value: number | null, format: (v: number) => string = count) => {
    if (value !== null) figures.push({ label, value: format(value) })
  }
  let progress: number | null = null
  if (kind === 'vacuum') {
    const total = num(row, 'heap_blks_total')
    add('heap blocks', total)
    add('scanned', num(row, 'heap_blks_scanned'))
    add('vacuumed', num(row, 'heap_blks_vacuumed'))
    add('index passes', num(row, 'index_vacuum_count'))
    if ('num_dead_item_ids' in row) {
      add('dead item ids', num(row, 'num_dead_item_ids'))
      add('dead items memory', num(row, 'dead_tuple_bytes'), bytes)
      add('of', num(row, 'max_dead_tuple_bytes'), bytes)
      add('indexes', num(row, 'indexes_total'))
      add('indexes done', num(row, 'indexes_processed'))
    } else {
      add('dead tuples', num(row, 'num_dead_tuples'))
      add('room for', num(row, 'max_dead_tuples'))
    }
    add('delay ms', num(row, 'delay_time'), (v) => v.toFixed(0))
    progress =
      phase === 'scanning heap'
        ? ratio(num(row, 'heap_blks_scanned'), total)
        : phase === 'vacuuming heap'
          ? ratio(num(row, 'heap_blks_vacuumed'), total)
          : phase === 'vacuuming indexes' || phase === 'cleaning up indexes'
            ? ratio(num(row, 'indexes_processed'), num(row, 'indexes_total'))
            : null
  } else if (kind === 'analyze') {
    add('sample blocks', num(row, 'sample_blks_total'))
    add('scanned', num(row, 'sample_blks_scanned'))
    add('extended statistics', num(row, 'ext_stats_total'))
    add('child tables', num(row, 'child_tables_total'))
    progress = phase === 'acquiring sample rows' || phase === 'acquiring inherited sample rows' ? ratio(num(row, 'sample_blks_scanned'), num(row, 'sample_blks_total')) : null
  } else if (kind === 'create-index') {
    add('blocks', num(row, 'blocks_total'))
    add('blocks done', num(row, 'blocks_done'))
    add('tuples', num(row, 'tuples_total'))
    add('tuples done', num(row, 'tuples_done'))
    progress = ratio(num(row, 'blocks_done'), num(row, 'blocks_total')) ?? ratio(num(row, 'tuples_done'), num(row, 'tuples_total'))
  } else {
    add('heap blocks', num(row, 'heap_blks_total'))
    add('scanned', num(row, 'heap_blks_scanned'))
    add('tuples written', num(row, 'heap_tuples_written'))
    progress = ratio(num(row, 'heap_blks_scanned'), num(row, 'heap_blks_total'))
  }
  return { phase, progress, figures }
}
