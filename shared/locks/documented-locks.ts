/**
 * What a statement that cannot run inside a transaction block locks, as the
 * PostgreSQL manual (and, where the manual is silent, the server's source)
 * says.
 *
 * The lock probe learns by running the statement inside BEGIN … ROLLBACK.
 * CREATE INDEX CONCURRENTLY, REINDEX … CONCURRENTLY, DROP INDEX CONCURRENTLY,
 * VACUUM, CLUSTER without a table and DETACH PARTITION … CONCURRENTLY refuse to
 * run there (they commit several transactions of their own), and running them
 * outside one would do them for real. So they are never sent: the answer is
 * the documented one, with the pages it comes from.
 */
import { z } from 'zod'
import { statementKind } from '../sql/parse-tree'
import { quoteIdentifierIfNeeded } from '../sql/quote-identifier'

export const documentedLocksSchema = z.object({
  /** The command as the manual names it: "CREATE INDEX CONCURRENTLY". */
  command: z.string(),
  /** Why the probe did not run it. */
  notRun: z.string(),
  locks: z.array(
    z.object({
      /** pg_locks' name of the mode (ShareUpdateExclusiveLock). */
      mode: z.string(),
      /** What it is taken on: a relation's name, or words ("each table vacuumed"). */
      on: z.string(),
      /** When and for how long. */
      when: z.string()
    })
  ),
  /** What it waits for besides locks (other transactions), in order. */
  waits: z.array(z.string()),
  /** The lock it does not take, when that is the point of the command (no ACCESS EXCLUSIVE on the table). */
  notTaken: z.string().nullable(),
  /** Other things worth knowing before running it (an INVALID index left by a failure). */
  notes: z.array(z.string()),
  sources: z.array(z.object({ title: z.string(), url: z.string() }))
})
export type DocumentedLocks = z.infer<typeof documentedLocksSchema>

const manual = 'https://www.postgresql.org/docs/current/'
const sources = {
  lockModes: { title: 'PostgreSQL manual: Explicit Locking, table-level lock modes', url: `${manual}explicit-locking.html#LOCKING-TABLES` },
  createIndex: { title: 'PostgreSQL manual: CREATE INDEX, Building Indexes Concurrently', url: `${manual}sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY` },
  reindex: { title: 'PostgreSQL manual: REINDEX, Rebuilding Indexes Concurrently', url: `${manual}sql-reindex.html#SQL-REINDEX-CONCURRENTLY` },
  dropIndex: { title: 'PostgreSQL manual: DROP INDEX (CONCURRENTLY)', url: `${manual}sql-dropindex.html` },
  indexDropSource: { title: 'PostgreSQL source: index_drop() in src/backend/catalog/index.c', url: 'https://github.com/postgres/postgres/blob/master/src/backend/catalog/index.c' },
  vacuum: { title: 'PostgreSQL manual: VACUUM', url: `${manual}sql-vacuum.html` },
  cluster: { title: 'PostgreSQL manual: CLUSTER', url: `${manual}sql-cluster.html` },
  detach: { title: 'PostgreSQL manual: ALTER TABLE, DETACH PARTITION … CONCURRENTLY', url: `${manual}sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION` },
  database: { title: 'PostgreSQL manual: CREATE DATABASE and DROP DATABASE', url: `${manual}sql-createdatabase.html` }
}

const notInTransaction = (command: string) =>
  `${command} cannot run inside a transaction block (it commits transactions of its own), so it cannot be tried and rolled back: it was not run. What it takes, from the PostgreSQL manual:`

/** A table name as the statement wrote it: `public.loans`, `"Odd Name"`. */
export interface RelationName {
  schema: string | null
  name: string
}

export function relationText(relation: RelationName): string {
  return [relation.schema, relation.name].filter((part): part is string => part !== null).map(quoteIdentifierIfNeeded).join('.')
}

interface RangeVarNode {
  schemaname?: string
  relname?: string
}

function rangeVarName(node: unknown): RelationName | null {
  const rv = node as RangeVarNode | undefined
  return rv?.relname ? { schema: rv.schemaname ?? null, name: rv.relname } : null
}

function hasOption(options: unknown, name: string): boolean {
  return Array.isArray(options) && options.some((o) => (o as { DefElem?: { defname?: string } }).DefElem?.defname === name)
}

/** Names of the DROP's objects (`List` of `String` parts). */
export function dropObjectNames(objects: unknown): RelationName[] {
  if (!Array.isArray(objects)) return []
  return objects.flatMap((object) => {
    const parts = ((object as { List?: { items?: Array<{ String?: { sval?: string } }> } }).List?.items ?? []).map((i) => i.String?.sval ?? '')
    const name = parts.at(-1)
    return name ? [{ schema: parts.length > 1 ? parts.at(-2)! : null, name }] : []
  })
}

/**
 * The documented locks of a statement that cannot run in a transaction block,
 * or null when the statement can (the probe then runs it).
 *
 * `show` writes a relation's name: the service passes one that gives the
 * schema-qualified name the catalog resolves it to.
 */
export function documentedLocks(stmt: Record<string, unknown> | undefined, show: (relation: RelationName) => string = relationText): DocumentedLocks | null {
  const statement = statementKind(stmt)
  if (!statement) return null
  const { kind, node } = statement
  switch (kind) {
    case 'IndexStmt':
      return node.concurrent === true ? createIndexConcurrently(rangeVarName(node.relation), show) : null
    case 'ReindexStmt':
      return reindex(node, show)
    case 'DropStmt':
      return node.removeType === 'OBJECT_INDEX' && node.concurrent === true ? dropIndexConcurrently(dropObjectNames(node.objects), show) : null
    case 'VacuumStmt':
      return node.is_vacuumcmd === true ? vacuum(node, show) : null
    case 'ClusterStmt':
      return node.relation ? null : clusterAll()
    case 'AlterTableStmt':
      return detachConcurrently(node, show)
    case 'CreatedbStmt':
    case 'DropdbStmt':
      return database(kind === 'CreatedbStmt' ? 'CREATE DATABASE' : 'DROP DATABASE')
    default:
      return null
  }
}

function createIndexConcurrently(table: RelationName | null, show: (relation: RelationName) => string): DocumentedLocks {
  const on = table ? show(table) : 'the table'
  return {
    command: 'CREATE INDEX CONCURRENTLY',
    notRun: notInTransaction('CREATE INDEX CONCURRENTLY'),
    locks: [
      {
        mode: 'ShareUpdateExclusiveLock',
        on,
        when: 'for the whole build: SELECT, INSERT, UPDATE and DELETE go on; VACUUM, ANALYZE, ALTER TABLE, CREATE INDEX and another CREATE INDEX CONCURRENTLY on this table wait'
      }
    ],
    waits: [
      `Before each of its two scans of ${on}, it waits for every transaction that has written to ${on} to end.`,
      `After the second scan, it waits for every transaction whose snapshot is older than that scan — an older transaction that could still see ${on} as it was, even one idle in transaction that never touched it. Meanwhile it shows as waiting on a virtualxid lock.`
    ],
    notTaken: `No ACCESS EXCLUSIVE lock on ${on}: reads and writes are never blocked, which is the point of CONCURRENTLY. A plain CREATE INDEX takes SHARE instead, which blocks writes for the whole build.`,
    notes: [
      'If it fails (a deadlock, a duplicate key for a UNIQUE index, a cancel), it leaves an INVALID index behind: DROP INDEX it and try again.',
      'Only one concurrent index build can run on a table at a time; it cannot build an index of a partitioned table.'
    ],
    sources: [sources.createIndex, sources.lockModes]
  }
}

function reindex(node: Record<string, unknown>, show: (relation: RelationName) => string): DocumentedLocks | null {
  const target = rangeVarName(node.relation)
  const whole = node.kind === 'REINDEX_OBJECT_SCHEMA' || node.kind === 'REINDEX_OBJECT_DATABASE' || node.kind === 'REINDEX_OBJECT_SYSTEM'
  const concurrently = hasOption(node.params, 'concurrently')
  if (!concurrently && !whole) return null
  const on = target ? show(target) : node.kind === 'REINDEX_OBJECT_SCHEMA' ? `each table of schema ${String(node.name ?? '')}` : 'each table of the database'
  const command = `REINDEX${concurrently ? ' … CONCURRENTLY' : ''}`
  if (!concurrently) {
    return {
      command,
      notRun: notInTransaction(`REINDEX ${node.kind === 'REINDEX_OBJECT_SCHEMA' ? 'SCHEMA' : node.kind === 'REINDEX_OBJECT_SYSTEM' ? 'SYSTEM' : 'DATABASE'}`),
      locks: [
        { mode: 'ShareLock', on, when: 'one table at a time, each in its own transaction: writes to that table wait, reads go on' },
        { mode: 'AccessExclusiveLock', on: 'each index being rebuilt', when: 'while it is rebuilt: queries that would use that index wait' }
      ],
      waits: [],
      notTaken: null,
      notes: ['Add CONCURRENTLY to rebuild without blocking writes.'],
      sources: [sources.reindex, sources.lockModes]
    }
  }
  return {
    command,
    notRun: notInTransaction('REINDEX … CONCURRENTLY'),
    locks: [
      { mode: 'ShareUpdateExclusiveLock', on, when: 'for the whole rebuild (a session lock held across its transactions): reads and writes go on' },
      { mode: 'ShareUpdateExclusiveLock', on: node.kind === 'REINDEX_OBJECT_INDEX' && target ? show(target) : 'each index rebuilt', when: 'for the whole rebuild' }
    ],
    waits: [
      'Like CREATE INDEX CONCURRENTLY, it builds a new index in two scans, waiting before each for the transactions that have written to the table to end, then for older snapshots.',
      'Before it drops the old index it waits for every running query that might still use it.'
    ],
    notTaken: 'No ACCESS EXCLUSIVE lock on the table: reads and writes go on during the rebuild.',
    notes: ['If it fails, it leaves an INVALID index whose name ends in _ccnew: drop it and try again.'],
    sources: [sources.reindex, sources.lockModes]
  }
}

function dropIndexConcurrently(indexes: RelationName[], show: (relation: RelationName) => string): DocumentedLocks {
  const on = indexes.length > 0 ? indexes.map(show).join(', ') : 'the index'
  return {
    command: 'DROP INDEX CONCURRENTLY',
    notRun: notInTransaction('DROP INDEX CONCURRENTLY'),
    locks: [
      { mode: 'ShareUpdateExclusiveLock', on: `the table of ${on}`, when: 'for the whole drop: reads and writes go on' },
      { mode: 'AccessExclusiveLock', on, when: 'only at the very end, on the index alone, once no transaction can use it any more' }
    ],
    waits: [`It marks ${on} unusable, then waits for every transaction that might still be using it to end before removing it.`],
    notTaken: 'No ACCESS EXCLUSIVE lock on the table: a plain DROP INDEX takes one, and blocks even reads while it waits for its turn.',
    notes: ['If it is cancelled, the index is left INVALID: run DROP INDEX CONCURRENTLY again.'],
    sources: [sources.dropIndex, sources.indexDropSource, sources.lockModes]
  }
}

function vacuum(node: Record<string, unknown>, show: (relation: RelationName) => string): DocumentedLocks {
  const tables = Array.isArray(node.rels) ? node.rels.map((r) => rangeVarName((r as { VacuumRelation?: { relation?: unknown } }).VacuumRelation?.relation)).filter((r): r is RelationName => r !== null) : []
  const on = tables.length > 0 ? tables.map(show).join(', ') : 'each table of the database you may vacuum, one at a time'
  if (hasOption(node.options, 'full')) {
    return {
      command: 'VACUUM FULL',
      notRun: notInTransaction('VACUUM FULL'),
      locks: [{ mode: 'AccessExclusiveLock', on, when: 'while each table is rewritten: every other statement on it waits, even a plain SELECT' }],
      waits: [],
      notTaken: null,
      notes: ['It writes a complete new copy of each table: it needs as much free disk as the table and its indexes take.'],
      sources: [sources.vacuum, sources.lockModes]
    }
  }
  return {
    command: hasOption(node.options, 'analyze') ? 'VACUUM (ANALYZE)' : 'VACUUM',
    notRun: notInTransaction('VACUUM'),
    locks: [{ mode: 'ShareUpdateExclusiveLock', on, when: 'while each table is vacuumed: reads and writes go on; ALTER TABLE, CREATE INDEX and another VACUUM of that table wait' }],
    waits: [],
    notTaken: 'No ACCESS EXCLUSIVE lock (only VACUUM FULL takes one), except briefly at the end to cut empty pages off the end of a table, which it gives up as soon as another session waits for that table.',
    notes: [],
    sources: [sources.vacuum, sources.lockModes]
  }
}

function clusterAll(): DocumentedLocks {
  return {
    command: 'CLUSTER',
    notRun: notInTransaction('CLUSTER without a table name'),
    locks: [{ mode: 'AccessExclusiveLock', on: 'each table that was clustered before, one at a time', when: 'while it is rewritten: every other statement on it waits, even a plain SELECT' }],
    waits: [],
    notTaken: null,
    notes: [],
    sources: [sources.cluster, sources.lockModes]
  }
}

function detachConcurrently(node: Record<string, unknown>, show: (relation: RelationName) => string): DocumentedLocks | null {
  const commands = Array.isArray(node.cmds) ? node.cmds : []
  const detach = commands
    .map((c) => (c as { AlterTableCmd?: { subtype?: string; def?: { PartitionCmd?: { name?: unknown; concurrent?: boolean } } } }).AlterTableCmd)
    .find((c) => c?.subtype === 'AT_DetachPartition' && c.def?.PartitionCmd?.concurrent === true)
  if (!detach) return null
  const parentName = rangeVarName(node.relation)
  const partitionName = rangeVarName(detach.def?.PartitionCmd?.name)
  const parent = parentName ? show(parentName) : 'the partitioned table'
  const partition = partitionName ? show(partitionName) : 'the partition'
  return {
    command: 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY',
    notRun: notInTransaction('DETACH PARTITION … CONCURRENTLY'),
    locks: [
      { mode: 'ShareUpdateExclusiveLock', on: parent, when: 'in both of its transactions: reads and writes of the partitioned table go on' },
      { mode: 'ShareUpdateExclusiveLock', on: partition, when: 'in the first transaction, which marks the partition as being detached' },
      { mode: 'AccessExclusiveLock', on: partition, when: 'in the second transaction only, after the wait: the partition alone, not its parent' }
    ],
    waits: [`Between its two transactions it waits for every transaction using ${parent} to end.`],
    notTaken: `No ACCESS EXCLUSIVE lock on ${parent}: a plain DETACH PARTITION takes one and blocks every query on the partitioned table.`,
    notes: ['If it is interrupted, finish it with ALTER TABLE … DETACH PARTITION … FINALIZE.'],
    sources: [sources.detach, sources.lockModes]
  }
}

function database(command: 'CREATE DATABASE' | 'DROP DATABASE'): DocumentedLocks {
  return {
    command,
    notRun: notInTransaction(command),
    locks: [],
    waits: [],
    notTaken: null,
    notes: [
      command === 'CREATE DATABASE'
        ? 'It takes a SHARE lock on its template database (pg_locks shows an "object" lock), not on any table: no other session may be connected to the template while it copies it.'
        : 'It takes an ACCESS EXCLUSIVE lock on the database it drops (an "object" lock), not on any table, and refuses while other sessions are connected to it (WITH (FORCE) terminates them).'
    ],
    sources: [sources.database]
  }
}
