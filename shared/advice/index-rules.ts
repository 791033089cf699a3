/**
 * Rules that suggest an index: a scan whose filter throws most rows away, an
 * index scan whose filter does, a top-N sort over a big input, and a join fed
 * by a big scan whose rows the join mostly discards.
 */
import type { FlatNode } from '../explain/analyse/plan-metrics'
import { adviceThresholds as t } from './advice-thresholds'
import { advisable, count, percent, rowsEvidence, scanRows, timeShare, type ScanRows } from './advice-evidence'
import { softer, type AdviceDraft, type RuleInput } from './advice-draft'
import { indexShapeFor, type IndexShape } from './index-shape'
import { conditionsOf, sortKeyOf, type Condition, type SortKey } from './plan-conditions'

const seqScans = new Set(['Seq Scan', 'Parallel Seq Scan'])
const indexScans = new Set(['Index Scan', 'Index Only Scan'])

/** Strong, weak or silent, from what the filter removed. */
function signal(rows: ScanRows): 'high' | 'medium' | null {
  const read = rows.returned + rows.removed
  if (read === 0 || rows.removed < t.minRowsRemoved) return null
  const ratio = rows.removed / read
  return ratio >= t.strongRemovedRatio ? 'high' : ratio >= t.weakRemovedRatio ? 'medium' : null
}

/** "the 3 rows", "the row", "the rows" (none came back this time). */
const rowsWord = (n: number) => (n === 0 ? 'the rows' : n === 1 ? 'the one row' : `the ${count(n)} rows`)

const misestimated = (f: FlatNode) => f.misestimate !== null && f.misestimate.factor >= t.misestimateFactor

/** The node's output columns of its own relation (VERBOSE), unqualified. */
function ownOutput(f: FlatNode): string[] {
  const alias = f.node.alias ?? f.node.relation
  return (f.node.output ?? []).map((column) => (alias && column.startsWith(`${alias}.`) ? column.slice(alias.length + 1) : column))
}

function draft(f: FlatNode, shape: IndexShape, severity: 'high' | 'medium' | 'low', evidence: string, reason: string, kind: 'index' | 'extend-index' = 'index'): AdviceDraft {
  const tentative = misestimated(f)
  return {
    kind,
    severity: tentative ? softer(severity) : severity,
    nodeId: f.id,
    schema: f.node.schema,
    table: f.node.relation,
    shape,
    columns: [],
    statement: null,
    evidence,
    reason: tentative ? `${reason} Estimates on this node are ${f.misestimate!.factor.toFixed(0)}× off: refresh statistics first, then judge again.` : reason,
    tentative
  }
}

function rewriteDraft(f: FlatNode, conditions: Condition[], evidence: string): AdviceDraft | null {
  const blocking = conditions.find((c) => c.kind === 'not-equal' || c.kind === 'or')
  if (!blocking) return null
  const how =
    blocking.kind === 'not-equal'
      ? `"${blocking.text}" cannot use a B-tree: name the values you want (IN (…)), or index the rare rows with a partial index WHERE ${blocking.text}.`
      : `"${blocking.text}" spans several columns, so no single index serves it: give each column its own index (the planner combines them with a BitmapOr) or split the query with UNION.`
  return { kind: 'rewrite', severity: 'medium', nodeId: f.id, schema: f.node.schema, table: f.node.relation, shape: null, columns: [], statement: null, evidence, reason: how, tentative: misestimated(f) }
}

function describeShape(shape: IndexShape): string {
  const order = shape.keys.map((k) => k.key).join(', ')
  return `${shape.method === 'gin' ? 'A GIN index' : 'A B-tree index'} on (${order})${shape.where ? ` WHERE ${shape.where}` : ''}`
}

/** A sequential scan whose filter keeps few of many rows. */
export function seqScanRule(f: FlatNode, input: RuleInput): AdviceDraft | null {
  const n = f.node
  if (!seqScans.has(n.nodeType) || n.filter === null || !advisable(f)) return null
  const rows = scanRows(f, input.context)
  if (!rows || rows.perScan < t.minRelationRows) return null
  const strength = signal(rows)
  const share = timeShare(f, input.rootCost)
  if (!strength || (share !== null && share < t.minTimeShare)) return null
  const conditions = conditionsOf(n.filter, n.alias, n.relation)
  if (!conditions) return null
  const evidence = rowsEvidence(rows, share)
  const shape = indexShapeFor(conditions, [], ownOutput(f))
  if (!shape) return rewriteDraft(f, conditions, evidence)
  const loops = rows.loops > 1 && !rows.parallel ? ` It is scanned ${count(rows.loops)} times (once per outer row of a nested loop), so the index is used on every loop.` : ''
  const needs = shape.needs ? ` It needs the ${shape.needs} extension (CREATE EXTENSION ${shape.needs}).` : ''
  return draft(f, shape, strength, evidence, `${describeShape(shape)} lets PostgreSQL find ${rowsWord(rows.returned)} instead of reading the whole table.${loops}${needs}`)
}

/** An index scan that fetches many rows only for its filter to throw them away: the filter's columns belong in the index. */
export function indexScanFilterRule(f: FlatNode, input: RuleInput): AdviceDraft | null {
  const n = f.node
  if (!indexScans.has(n.nodeType) || n.filter === null || !advisable(f)) return null
  const rows = scanRows(f, input.context)
  if (!rows) return null
  const strength = signal(rows)
  const share = timeShare(f, input.rootCost)
  if (!strength || (share !== null && share < t.minTimeShare)) return null
  const fromIndex = n.indexCond ? conditionsOf(n.indexCond, n.alias, n.relation) : []
  const fromFilter = conditionsOf(n.filter, n.alias, n.relation)
  if (!fromIndex || !fromFilter) return null
  const shape = indexShapeFor([...fromIndex, ...fromFilter], [], ownOutput(f))
  if (!shape || shape.method !== 'btree') return null
  const evidence = `${n.indexName ?? 'the index'} returned ${count(rows.returned + rows.removed)} rows; the filter removed ${count(rows.removed)} (${percent(rows.removed / (rows.returned + rows.removed))})`
  return draft(f, shape, strength, evidence, `Extend ${n.indexName ?? 'the index'} with the filtered columns, equality columns first: ${describeShape(shape)} returns only ${rowsWord(rows.returned)} wanted (the old index may then be redundant).`, 'extend-index')
}

/** The scan a Sort reads from, through nodes that pass rows on unchanged. */
function scanBelow(nodes: FlatNode[], from: FlatNode): FlatNode | null {
  let current = from
  for (let depth = 0; depth < 4; depth++) {
    const child = nodes.find((x) => x.parentId === current.id && x.node.parentRelationship !== 'InitPlan' && x.node.parentRelationship !== 'SubPlan')
    if (!child) return null
    if (child.node.relation !== null) return child
    if (!['Gather Merge', 'Gather', 'Result'].includes(child.node.nodeType)) return null
    current = child
  }
  return null
}

/** Limit over a Sort of a big input: an index in the sort order returns the first rows without sorting them all. */
export function topNRule(f: FlatNode, input: RuleInput, children: Map<number, FlatNode[]>): AdviceDraft | null {
  if (f.node.nodeType !== 'Limit') return null
  let sort = children.get(f.id)?.[0]
  if (sort?.node.nodeType === 'Gather Merge') sort = children.get(sort.id)?.[0]
  if (!sort || (sort.node.nodeType !== 'Sort' && sort.node.nodeType !== 'Incremental Sort') || !sort.node.sortKey) return null
  const scan = scanBelow(input.nodes, sort)
  if (!scan || !advisable(scan) || !seqScans.has(scan.node.nodeType)) return null
  const rows = scanRows(scan, input.context)
  const share = timeShare(sort, input.rootCost)
  const limit = f.node.actualRows ?? f.node.planRows ?? 0
  // A big table, and many more rows sorted than kept: the index saves the sort and most of the reading.
  if (!rows || rows.perScan < t.minRelationRows || rows.returned < 10 * Math.max(1, limit) || (share !== null && share < t.minTimeShare)) return null
  const s = scan.node
  const keys: SortKey[] = []
  for (const text of sort.node.sortKey) {
    const key = sortKeyOf(text, s.alias, s.relation)
    if (!key) return null
    keys.push(key)
  }
  const conditions = s.filter ? (conditionsOf(s.filter, s.alias, s.relation) ?? []) : []
  const equality = conditions.filter((c) => c.kind === 'eq')
  const shape = indexShapeFor(equality, keys)
  if (!shape) return null
  const partial = equality.length === 1 ? ` If ${equality[0]!.text} is the case you always ask for, a partial index on (${keys.map((k) => k.key).join(', ')}) WHERE ${equality[0]!.text} is smaller still.` : ''
  const evidence = `sorted ${count(rows.returned)} rows to keep ${count(limit)}${share !== null ? `; ${percent(share)} of the ${rows.estimated ? 'estimated cost' : 'execution time'}` : ''}`
  const d = draft(scan, shape, 'high', evidence, `${describeShape(shape)} returns rows already in ORDER BY order, so the Limit stops after ${count(limit)} rows instead of sorting them all.${partial}`)
  return { ...d, nodeId: sort.id }
}

const joinTypes = new Set(['Hash Join', 'Merge Join', 'Nested Loop'])
const passThrough = new Set(['Hash', 'Materialize', 'Sort', 'Memoize'])

/** A join that throws away almost everything a big scan feeds it: index that relation's join key so the join can start from the small side. */
export function joinDiscardRule(f: FlatNode, input: RuleInput, children: Map<number, FlatNode[]>): AdviceDraft[] {
  if (!joinTypes.has(f.node.nodeType)) return []
  const joinOut = f.node.actualRows !== null && f.node.loops !== null ? f.node.actualRows * f.node.loops : f.node.planRows
  if (joinOut === null) return []
  const sides = (children.get(f.id) ?? []).filter((c) => c.node.parentRelationship === 'Outer' || c.node.parentRelationship === 'Inner')
  const expressions = [f.node.hashCond, f.node.mergeCond, f.node.joinFilter, ...sides.map((s) => s.node.indexCond)].filter((e): e is string => e !== null)
  const drafts: AdviceDraft[] = []
  for (let side of sides) {
    while (passThrough.has(side.node.nodeType) && children.get(side.id)?.length === 1) side = children.get(side.id)![0]!
    if (!seqScans.has(side.node.nodeType) || !advisable(side)) continue
    const rows = scanRows(side, input.context)
    const share = timeShare(side, input.rootCost)
    if (!rows || rows.returned < t.minRelationRows || joinOut > rows.returned * t.joinKeepRatio) continue
    if (share !== null && share < t.minTimeShare) continue
    const s = side.node
    const keys = expressions.flatMap((e) => conditionsOf(e, s.alias, s.relation) ?? []).filter((c) => c.kind === 'eq')
    const shape = indexShapeFor(keys)
    if (!shape) continue
    const evidence = `the scan fed ${count(rows.returned)} rows to a ${f.node.nodeType} that kept ${count(joinOut)} (${percent(rows.returned > 0 ? joinOut / rows.returned : 0)})${share !== null ? `; the scan is ${percent(share)} of the ${rows.estimated ? 'estimated cost' : 'execution time'}` : ''}`
    drafts.push(draft(side, shape, 'high', evidence, `${describeShape(shape)} on the join key lets the planner start from the small side and look up only the matching rows (a nested loop over the index) instead of reading all of ${s.relation}.`))
  }
  return drafts
}

/** A nested loop's join filter that throws away most of what its inner scan returns on every loop. */
export function nestedLoopFilterRule(f: FlatNode, input: RuleInput, children: Map<number, FlatNode[]>): AdviceDraft | null {
  const n = f.node
  if (n.nodeType !== 'Nested Loop' || n.joinFilter === null || n.rowsRemovedByJoinFilter === null) return null
  let inner = children.get(f.id)?.find((c) => c.node.parentRelationship === 'Inner')
  while (inner && passThrough.has(inner.node.nodeType)) inner = children.get(inner.id)?.[0]
  if (!inner || !seqScans.has(inner.node.nodeType) || !advisable(inner)) return null
  const rows = scanRows(f, input.context, (x) => x.node.rowsRemovedByJoinFilter)
  const innerRows = scanRows(inner, input.context)
  const share = timeShare(f, input.rootCost)
  if (!rows || !innerRows || innerRows.perScan < t.minRelationRows || !signal(rows) || (share !== null && share < t.minTimeShare)) return null
  const s = inner.node
  const keys = (conditionsOf(n.joinFilter, s.alias, s.relation) ?? []).filter((c) => c.kind === 'eq' || c.kind === 'range')
  const shape = indexShapeFor(keys)
  if (!shape) return null
  const evidence = rowsEvidence({ ...rows, estimated: false }, share, 'removed by the join filter')
  return draft(inner, shape, signal(rows)!, evidence, `The inner side of the nested loop reads all of ${s.relation} on each of its ${count(innerRows.loops)} loops; ${describeShape(shape)} on the join key turns each loop into a lookup.`)
}
