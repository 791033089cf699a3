/**
 * The locks a probed statement holds, in the order a reader wants them.
 *
 * pg_locks lists a statement's locks in no useful order, and an ALTER shows a
 * dozen rows: its table, that table's indexes and TOAST table, catalogs, a new
 * relfilenode nobody else can see — and, easy to miss, the tables it did not
 * name (a foreign key's other side takes ACCESS EXCLUSIVE too). Here each lock
 * gets its place: the tables the statement names, then the ones it does not
 * name (what a trainer points at), then their indexes and TOAST tables sorted
 * under their table, then what another session cannot see, catalogs, and
 * locks that are not on a relation.
 */
import { conflictingModes, isLockMode, lockModes } from './lock-modes'
import { sqlModeName } from './lock-mode-words'
import type { LockReason, LockScope, StatementLock } from './statement-locks'

/** One row of pg_locks for the probed backend, with what the catalog says of its relation. */
export interface ProbedLock {
  locktype: string
  mode: string
  granted: boolean
  /** `schema.name`, or the bare oid when the relation is not visible to other sessions; null off relations. */
  relation: string | null
  relationOid: number | null
  /** pg_class.relkind; null when not a relation or not visible. */
  relkind: string | null
  schema: string | null
  /** For an index or TOAST table: the table it belongs to (through a TOAST table for a TOAST index). */
  owner: string | null
  ownerOid: number | null
  ownerSchema: string | null
}

const relationKinds: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  i: 'index',
  I: 'partitioned index',
  S: 'sequence',
  t: 'TOAST table',
  f: 'foreign table',
  c: 'composite type'
}

const systemSchemas = new Set(['pg_catalog', 'information_schema'])

/** Indexes and TOAST tables: the parts of a table nobody names, listed under it. */
function isPart(relkind: string | null): boolean {
  return relkind === 'i' || relkind === 'I' || relkind === 't'
}

/** The table first, then its TOAST table and the TOAST table's index, then its own indexes. */
function partRank(lock: StatementLock): number {
  if (lock.relationKind === 'TOAST table') return 1
  if (lock.relationKind === 'index' || lock.relationKind === 'partitioned index') return lock.relation?.startsWith('pg_toast.') ? 2 : 3
  return 0
}

function scopeOf(lock: ProbedLock, named: ReadonlySet<number>): LockScope {
  if (lock.relationOid === null) return 'not-relation'
  if (lock.relkind === null) return 'unseen'
  if (systemSchemas.has(lock.ownerSchema ?? lock.schema ?? '')) return 'system'
  if (named.has(lock.relationOid) || (lock.ownerOid !== null && named.has(lock.ownerOid))) return 'named'
  return 'elsewhere'
}

/** The tables (an index's or TOAST table's owner, else the relation) locked without being named: whose reasons to look up. */
export function reachedTableOids(locks: readonly ProbedLock[], named: ReadonlySet<number>): number[] {
  const tables = locks.filter((lock) => scopeOf(lock, named) === 'elsewhere').map((lock) => (isPart(lock.relkind) ? lock.ownerOid : lock.relationOid))
  return [...new Set(tables.filter((oid): oid is number => oid !== null))]
}

/** pg_locks' rows as the panel shows them, in reading order (see `statementLockGroups`). */
export function toStatementLocks(locks: readonly ProbedLock[], named: ReadonlySet<number>, reasons: ReadonlyMap<number, LockReason[]> = new Map()): StatementLock[] {
  const arranged = locks.map((lock) => {
    const scope = scopeOf(lock, named)
    const relationKind = lock.relkind === null ? null : (relationKinds[lock.relkind] ?? lock.relkind)
    const owner = isPart(lock.relkind) ? lock.owner : null
    const tableOid = isPart(lock.relkind) ? lock.ownerOid : lock.relationOid
    return {
      locktype: lock.locktype,
      mode: lock.mode,
      granted: lock.granted,
      relation: lock.relation,
      conflictsWith: lock.locktype === 'relation' && isLockMode(lock.mode) ? [...conflictingModes(lock.mode)] : [],
      scope,
      relationKind,
      owner,
      reasons: scope === 'elsewhere' && tableOid !== null ? (reasons.get(tableOid) ?? []) : []
    } satisfies StatementLock
  })
  return arranged.sort(compareLocks)
}

function groupRank(lock: StatementLock): number {
  return statementLockGroupOrder.findIndex((group) => belongsTo(lock, group))
}

function strength(mode: string): number {
  return isLockMode(mode) ? lockModes.indexOf(mode) : -1
}

const text = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'en')

function compareLocks(a: StatementLock, b: StatementLock): number {
  return (
    groupRank(a) - groupRank(b) ||
    text(a.owner ?? a.relation, b.owner ?? b.relation) ||
    partRank(a) - partRank(b) ||
    text(a.relation, b.relation) ||
    text(a.locktype, b.locktype) ||
    strength(b.mode) - strength(a.mode)
  )
}

export const statementLockGroupOrder = ['named', 'elsewhere', 'parts', 'unseen', 'system', 'not-relation'] as const
export type StatementLockGroupId = (typeof statementLockGroupOrder)[number]

function belongsTo(lock: StatementLock, group: StatementLockGroupId): boolean {
  const part = lock.owner !== null
  switch (group) {
    case 'named':
      return lock.scope === 'named' && !part
    case 'elsewhere':
      return lock.scope === 'elsewhere' && !part
    case 'parts':
      return (lock.scope === 'named' || lock.scope === 'elsewhere') && part
    default:
      return lock.scope === group
  }
}

const groupTitles: Record<StatementLockGroupId, string> = {
  named: 'Named in the statement',
  elsewhere: 'Not named in the statement',
  parts: 'Their indexes and TOAST tables',
  unseen: 'Not visible to other sessions (created or dropped by the statement, such as the new copy a table rewrite builds)',
  system: 'System catalogs',
  'not-relation': 'Not on a relation (transaction ids, objects)'
}

export interface StatementLockGroup {
  id: StatementLockGroupId
  title: string
  locks: StatementLock[]
}

/** The locks cut into the panel's groups, empty groups left out; order kept. */
export function statementLockGroups(locks: readonly StatementLock[]): StatementLockGroup[] {
  return statementLockGroupOrder
    .map((id) => ({ id, title: groupTitles[id], locks: locks.filter((lock) => belongsTo(lock, id)) }))
    .filter((group) => group.locks.length > 0)
}

/** "through the foreign key loans_branch_id_fkey (public.loans → public.branches)". */
export function reasonText(reason: LockReason): string {
  switch (reason.kind) {
    case 'foreign-key':
      return `through the foreign key ${reason.constraint} (${reason.referencing} → ${reason.referenced})`
    case 'partition-of':
      return `a partition of ${reason.parent}`
    case 'partitioned-parent-of':
      return `the partitioned table above ${reason.partition}`
    case 'read-by-view':
      return `read by the view ${reason.view}`
  }
}

/** A table the statement does not name, with the strongest lock it takes there: the lesson for the room. */
export interface ElsewhereLesson {
  relation: string
  mode: string
  reasons: LockReason[]
  sentence: string
}

export function elsewhereLessons(locks: readonly StatementLock[]): ElsewhereLesson[] {
  const strongest = new Map<string, StatementLock>()
  for (const lock of locks) {
    if (lock.scope !== 'elsewhere' || lock.owner !== null || lock.relation === null) continue
    const held = strongest.get(lock.relation)
    if (!held || strength(lock.mode) > strength(held.mode)) strongest.set(lock.relation, lock)
  }
  return [...strongest.values()].map((lock) => {
    const relation = lock.relation!
    const how = lock.reasons.length > 0 ? `, ${lock.reasons.map(reasonText).join('; ')}` : ''
    const effect =
      lock.mode === 'AccessExclusiveLock'
        ? `while it is held, every statement on ${relation} waits, even a plain SELECT`
        : lock.conflictsWith.length > 0
          ? `while it is held, ${sqlModeName(lock.conflictsWith[0]!)} and stronger locks on ${relation} wait`
          : `held until the transaction ends`
    return { relation, mode: lock.mode, reasons: lock.reasons, sentence: `${sqlModeName(lock.mode)} on ${relation}${how}: ${effect}.` }
  })
}
