/**
 * What each plan node does and when the planner picks it, in plain words, for
 * the details panel (trainers read these to a room).
 */
export interface NodeExplanation {
  what: string
  when: string
}

export const nodeExplanations: Record<string, NodeExplanation> = {
  'Seq Scan': {
    what: 'Reads every row of the table, page after page, and keeps those that pass the filter.',
    when: 'No usable index, or so many rows match that reading everything is cheaper than jumping around an index.'
  },
  'Index Scan': {
    what: 'Walks an index to find matching entries, then fetches each row from the table.',
    when: 'Few rows match a condition on indexed columns, or the rows are needed in the index order.'
  },
  'Index Only Scan': {
    what: 'Answers from the index alone, visiting the table only for pages not known to be all-visible (the "heap fetches").',
    when: 'Every column the query needs is in the index. Regular VACUUM keeps the heap fetches low.'
  },
  'Bitmap Index Scan': {
    what: 'Collects the locations of matching rows from an index into a bitmap, without reading the table yet.',
    when: 'A moderate number of rows match, or several indexes are combined (BitmapAnd / BitmapOr).'
  },
  'Bitmap Heap Scan': {
    what: 'Reads the table pages marked in the bitmap, in physical order, and rechecks the condition.',
    when: 'Paired with Bitmap Index Scan: too many rows for an Index Scan, too few for a Seq Scan. "Lossy" pages mean work_mem was too small for an exact bitmap.'
  },
  'Nested Loop': {
    what: 'For each row of the outer input, looks up matching rows in the inner input.',
    when: 'The outer side is small, ideally with an index on the inner side. Slow when a misestimate made the outer side much bigger than expected (look at loops).'
  },
  'Hash Join': {
    what: 'Builds a hash table from the inner input (the Hash node below), then probes it with each outer row.',
    when: 'Equality joins on larger inputs with no useful order. If the hash table does not fit in work_mem it is split into batches on disk.'
  },
  'Merge Join': {
    what: 'Walks two inputs sorted on the join key side by side, like merging two sorted lists.',
    when: 'Both inputs are already sorted (often by an index), or sorting them is cheap; good for large equality joins.'
  },
  Hash: {
    what: 'Builds the in-memory hash table a Hash Join probes.',
    when: 'Always under a Hash Join. "Batches" above 1 means it spilled to disk: raise work_mem or reduce the rows.'
  },
  Sort: {
    what: 'Sorts its input: in memory (quicksort, top-N heapsort) or on disk (external merge).',
    when: 'ORDER BY, merge joins, grouping or DISTINCT without a matching index. "external merge Disk" means work_mem was too small.'
  },
  'Incremental Sort': {
    what: 'Sorts input that is already sorted on a leading key, group by group.',
    when: 'An index gives the first sort keys; cheaper than a full Sort and can stop early with LIMIT.'
  },
  Aggregate: {
    what: 'Computes counts, sums and other aggregates; Hashed groups with a hash table, Sorted needs sorted input, Plain makes one row.',
    when: 'GROUP BY, DISTINCT and aggregate functions. Partial and Finalize split the work across parallel workers.'
  },
  Limit: {
    what: 'Stops after the first N rows.',
    when: 'LIMIT / FETCH FIRST; lets the nodes below stop early, which can make a slow plan fast (or the reverse when rows are rare).'
  },
  Gather: {
    what: 'Collects rows from parallel workers running the plan below it.',
    when: 'Large scans where parallelism pays off. Compare "Workers Planned" with "Workers Launched".'
  },
  'Gather Merge': {
    what: 'Collects sorted rows from parallel workers and keeps them in order.',
    when: 'Parallel plans whose result must stay sorted.'
  },
  Materialize: {
    what: 'Keeps its input in memory so it can be read again without recomputing it.',
    when: 'The inner side of a Nested Loop or a Merge Join that is read several times.'
  },
  Memoize: {
    what: 'Caches inner results of a Nested Loop by the outer key, so repeated keys are not looked up again.',
    when: 'Outer rows repeat the same join keys (PostgreSQL 14+). Look at hits versus misses.'
  },
  'CTE Scan': {
    what: 'Reads the rows of a WITH query that was computed once (materialized).',
    when: 'A CTE used more than once, or marked MATERIALIZED.'
  },
  'Subquery Scan': {
    what: 'Reads the output of a subquery that could not be merged into the outer query.',
    when: 'Subqueries with LIMIT, aggregates or set operations.'
  },
  Append: {
    what: 'Returns the rows of each child in turn.',
    when: 'UNION ALL, and partitioned tables: one child per partition not pruned away.'
  },
  'Merge Append': {
    what: 'Merges sorted children into one sorted stream.',
    when: 'Ordered reads over several partitions or UNION ALL branches.'
  },
  Result: {
    what: 'Produces rows without reading a table (constants, or a one-time filter).',
    when: 'SELECT without FROM, or a condition the planner can test once.'
  },
  ModifyTable: {
    what: 'Applies INSERT, UPDATE, DELETE or MERGE to the rows its child produces.',
    when: 'Every data-modifying statement. Time spent here includes index updates and triggers.'
  },
  WindowAgg: {
    what: 'Computes window functions (row_number, running sums…) over partitions of sorted rows.',
    when: 'OVER (…) clauses; usually sits on a Sort.'
  },
  Unique: {
    what: 'Removes adjacent duplicates from sorted input.',
    when: 'DISTINCT or UNION on sorted rows.'
  },
  SetOp: {
    what: 'Computes INTERSECT or EXCEPT.',
    when: 'INTERSECT / EXCEPT queries.'
  },
  'Function Scan': {
    what: 'Returns the rows of a set-returning function such as generate_series or unnest.',
    when: 'Functions in FROM. Their row estimate is a guess (ROWS in the function definition).'
  },
  'Values Scan': {
    what: 'Returns the rows of a VALUES list.',
    when: 'VALUES in FROM or in INSERT.'
  },
  BitmapOr: {
    what: 'Combines the bitmaps of several Bitmap Index Scans: a row qualifies if any of them matches.',
    when: 'OR conditions on columns with separate indexes.'
  },
  BitmapAnd: {
    what: 'Intersects the bitmaps of several Bitmap Index Scans: a row qualifies if all of them match.',
    when: 'AND conditions on columns with separate indexes, none selective enough alone.'
  },
  'Recursive Union': {
    what: 'Runs the recursive part of WITH RECURSIVE again and again on the rows of the previous round, until no new rows come.',
    when: 'WITH RECURSIVE queries (trees, graphs, series).'
  },
  'WorkTable Scan': {
    what: 'Reads the rows produced by the previous round of a recursive query.',
    when: 'Inside the recursive part of WITH RECURSIVE.'
  },
  Group: {
    what: 'Groups sorted input without computing aggregates.',
    when: 'GROUP BY with no aggregate functions, on sorted rows.'
  },
  ProjectSet: {
    what: 'Evaluates set-returning functions in the SELECT list, one output row per returned value.',
    when: 'SELECT unnest(…) or generate_series(…) in the select list.'
  },
  'Tid Scan': {
    what: 'Fetches rows by their physical location (ctid).',
    when: 'WHERE ctid = … conditions.'
  },
  LockRows: {
    what: 'Locks the returned rows.',
    when: 'SELECT … FOR UPDATE / FOR SHARE.'
  },
  'Sample Scan': {
    what: 'Reads a random sample of the table’s pages (SYSTEM) or rows (BERNOULLI) instead of all of it.',
    when: 'TABLESAMPLE in FROM: statistics, previews, quick estimates on big tables.'
  },
  'Tid Range Scan': {
    what: 'Reads the rows between two physical locations (ctid ranges), without touching the rest of the table.',
    when: 'WHERE ctid >= … AND ctid < … conditions, used to process a big table in chunks (PostgreSQL 14+).'
  },
  'Table Function Scan': {
    what: 'Turns a document into rows with a table function.',
    when: 'XMLTABLE or JSON_TABLE in FROM.'
  },
  'Named Tuplestore Scan': {
    what: 'Reads the rows a trigger sees as its transition table (the OLD TABLE or NEW TABLE of a statement).',
    when: 'Inside AFTER … FOR EACH STATEMENT triggers declared with REFERENCING.'
  },
  'Foreign Scan': {
    what: 'Asks another server (through a foreign data wrapper) for the rows, and sometimes for a whole join or aggregate.',
    when: 'Foreign tables (postgres_fdw, file_fdw…). Its time is mostly the network and the remote server.'
  },
  'Custom Scan': {
    what: 'A scan provided by an extension rather than PostgreSQL itself.',
    when: 'Extensions such as TimescaleDB or Citus add their own ways of reading data.'
  }
}

/** The plan node as the explanation reads it (a PlanNode has all of these). */
export interface ExplainedNode {
  nodeType: string
  joinType: string | null
  strategy: string | null
  partialMode: string | null
  parallelAware: boolean
  attributes: Record<string, unknown>
}

/** What a variant changes, said once for every node type that has it. */
const joinTypeNotes: Record<string, string> = {
  Left: 'Left join: outer rows without a match are kept, with NULLs for the inner side.',
  Right: 'Right join: inner rows without a match are kept, with NULLs for the outer side.',
  Full: 'Full join: rows without a match on either side are kept, with NULLs for the other.',
  Semi: 'Semi join (EXISTS, IN): an outer row is returned once as soon as one match is found.',
  Anti: 'Anti join (NOT EXISTS): an outer row is returned only when no match is found.',
  'Right Semi': 'Semi join with the roles swapped: the hash table holds the rows to return, each returned once when a probe finds it (PostgreSQL 18+).',
  'Right Anti': 'Anti join with the roles swapped: the hash table holds the rows to return, and those no probe found come out at the end.'
}

const strategyNotes: Record<string, string> = {
  Hashed: 'Hashed: one hash table entry per group, no sorted input needed; it may spill to disk when the groups outgrow work_mem.',
  Sorted: 'Sorted: reads input already sorted by the group keys and closes each group when the key changes.',
  Plain: 'Plain: no GROUP BY, the whole input makes one row.',
  Mixed: 'Mixed: several grouping sets at once (ROLLUP, CUBE), some hashed and some sorted.'
}

const partialModeNotes: Record<string, string> = {
  Partial: 'Partial: each parallel worker aggregates its share of the rows; a Finalize step above combines them.',
  Finalize: 'Finalize: combines the partial results the workers sent up through a Gather.'
}

const parallelNote = 'Parallel: several processes share this work, each reading a part; loops and rows are per process.'
const backwardNote = 'Backward: the index is walked from its end, for ORDER BY … DESC.'

/**
 * The learner's explanation of one node: what its type does and when it is
 * picked, plus a line for each variant it shows (join type, strategy,
 * parallelism). Null for a node type nobody has explained yet.
 */
export function explainNode(node: ExplainedNode): (NodeExplanation & { notes: string[] }) | null {
  const base = nodeExplanations[node.nodeType]
  if (!base) return null
  const notes: string[] = []
  const joinNote = node.joinType ? joinTypeNotes[node.joinType] : undefined
  if (joinNote) notes.push(joinNote)
  const strategyNote = node.strategy && node.nodeType === 'Aggregate' ? strategyNotes[node.strategy] : undefined
  if (strategyNote) notes.push(strategyNote)
  const partialNote = node.partialMode ? partialModeNotes[node.partialMode] : undefined
  if (partialNote) notes.push(partialNote)
  if (node.parallelAware) notes.push(parallelNote)
  if (node.attributes['Scan Direction'] === 'Backward') notes.push(backwardNote)
  return { ...base, notes }
}
