/**
 * EXPLAIN (FORMAT JSON) → the plan model.
 *
 * Accepts the server's output as is (`[ { "Plan": … } ]`), without the outer
 * array, a bare plan node, and the `{"QUERY PLAN": …}` wrapper some clients
 * export. Any mix of ANALYZE, BUFFERS, VERBOSE, SETTINGS, WAL, TIMING OFF from
 * PostgreSQL 12 to 18 reads the same way because every node property is kept
 * under its own key and the typed fields are derived from those keys.
 */
import { readJsonWithLines, type JsonSpans } from './json-with-lines'
import { knownNodeTypes, type ExplainPlan, type ParsePlanResult, type PlanNode, type WorkerStats } from '../../model/plan-model'
import { buffersFrom, jitFrom, nodeFromAttributes, num, str, triggerFrom, workerFrom } from '../../model/plan-node-fields'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Parse a JSON plan. `lineNumbers[i]` is the input line of line i + 1 of `text`
 * when the text was cleaned from a paste (psql's `+` marks and header removed).
 * With `lines: 'lazy'`, nodes get no `sourceLines` (the text is not scanned for
 * them) unless a warning needs one; see fillSourceLines.
 */
export function parseJsonPlan(text: string, lineNumbers?: number[], lines: SourceLinesMode = 'eager'): ParsePlanResult {
  const toInputLine = lineNumbers ? (line: number) => lineNumbers[line - 1] ?? lineNumbers[lineNumbers.length - 1] ?? line : null
  let built: Built | null = null
  // The nodes met and the objects found in the text can disagree ("Node Type" not the first key, a node
  // outside "Plans", an escaped key, a duplicate key): then the next, slower search is tried.
  for (const find of ['key-first', 'key-anywhere', 'by-identity'] as const) {
    const read = readJsonWithLines(text, 'Node Type', 0, find)
    if (!read.ok) return { ok: false, error: { message: `The JSON plan cannot be read: ${read.message}`, line: toInputLine ? toInputLine(read.line) : read.line } }
    built = planFromJson(read.value, { spans: read.spans, toInputLine, eager: lines === 'eager' })
    if (!built.ok || !read.spans.byIndex || !read.spans.found || built.spansUsed === read.spans.count()) break
    // No key written out anywhere (a plan inside a "QUERY PLAN" string): there are no lines to find.
    if (find === 'key-anywhere' && read.spans.count() === 0) break
  }
  return built!.result
}

/** 'lazy': JSON nodes get their source lines later, when asked (the text format has them for free). */
export type SourceLinesMode = 'eager' | 'lazy'

type Built = { ok: false; result: ParsePlanResult } | { ok: true; result: ParsePlanResult; spansUsed: number }

interface LineLookup {
  spans: JsonSpans
  /** Input line of a line of the (cleaned) text; null when they are the same. */
  toInputLine: ((line: number) => number) | null
  /** Every node's lines now, or only those a warning names. */
  eager: boolean
}

function planFromJson(value: unknown, lookup: LineLookup): Built {
  const fail = (message: string): Built => ({ ok: false, result: { ok: false, error: { message } } })
  const warnings: string[] = []
  let top: unknown = value
  for (let unwrap = 0; unwrap < 4; unwrap++) {
    if (Array.isArray(top)) {
      if (top.length === 0) return fail('The JSON is an empty list, not a plan')
      if (top.length > 1) warnings.push(`The JSON holds ${top.length} plans; only the first is shown`)
      top = top[0]
    } else if (isObject(top) && 'QUERY PLAN' in top) {
      top = typeof top['QUERY PLAN'] === 'string' ? safeParse(top['QUERY PLAN']) : top['QUERY PLAN']
    } else break
  }
  if (!isObject(top)) return fail('The JSON is not an EXPLAIN plan: expected an object with a "Plan" key')
  const explain: Json = isObject(top['Plan']) ? top : 'Node Type' in top ? { Plan: top } : {}
  if (!isObject(explain['Plan'])) return fail('The JSON is not an EXPLAIN plan: it has no "Plan" with a "Node Type"')

  const walk: NodeWalk = { ...lookup, warnings, warnedTypes: new Set(), warnedKeys: new Set(), spansUsed: 0 }
  let root: PlanNode
  try {
    root = nodeFromJson(explain['Plan'] as Json, walk)
  } catch (error) {
    if (error instanceof RangeError) return fail('The plan is nested too deeply to show')
    if (error instanceof MalformedNode) return { ok: false, result: { ok: false, error: { message: error.message, line: error.line } } }
    throw error
  }

  const attributes: Json = {}
  const handled = new Set(['Plan', 'Planning Time', 'Execution Time', 'Planning', 'Triggers', 'JIT', 'Settings'])
  for (const [key, value] of Object.entries(explain)) if (!handled.has(key)) attributes[key] = value
  const settings: Record<string, string> = {}
  if (isObject(explain['Settings'])) for (const [key, value] of Object.entries(explain['Settings'])) settings[key] = str(value) ?? ''
  const planning = isObject(explain['Planning']) ? explain['Planning'] : null
  if (planning) attributes['Planning'] = planning

  const plan: ExplainPlan = {
    format: 'json',
    root,
    planningTimeMs: num(explain['Planning Time']) ?? num(explain['Total Planning Time']),
    executionTimeMs: num(explain['Execution Time']) ?? num(explain['Total Runtime']),
    planningBuffers: planning ? buffersFrom(planning) : null,
    triggers: Array.isArray(explain['Triggers']) ? explain['Triggers'].filter(isObject).map(triggerFrom) : [],
    jit: jitFrom(explain['JIT']),
    settings,
    serverVersion: null,
    warnings,
    attributes
  }
  return { ok: true, result: { ok: true, plan }, spansUsed: walk.spansUsed }
}

function safeParse(text: string): unknown {
  const read = readJsonWithLines(text)
  return read.ok ? read.value : null
}

/** A node PostgreSQL could not have written: the whole plan is refused, naming the node's line. */
class MalformedNode extends Error {
  constructor(
    message: string,
    readonly line: number | undefined
  ) {
    super(message)
  }
}

/** The numbers every reader of a plan relies on: when present they must be numbers. */
const numericFields = [
  ['startupCost', 'Startup Cost'],
  ['totalCost', 'Total Cost'],
  ['planRows', 'Plan Rows'],
  ['planWidth', 'Plan Width'],
  ['actualStartupMs', 'Actual Startup Time'],
  ['actualTotalMs', 'Actual Total Time'],
  ['actualRows', 'Actual Rows'],
  ['loops', 'Actual Loops']
] as const

interface NodeWalk extends LineLookup {
  warnings: string[]
  warnedTypes: Set<string>
  /** Wrong-typed keys already warned about (one warning per key, not per node). */
  warnedKeys: Set<string>
  /** Nodes met so far that own a "Node Type": the pre-order index of the next one's span. */
  spansUsed: number
}

function linesOf(json: Json, index: number, walk: NodeWalk): [number, number] | undefined {
  const span = walk.spans.of(json, index)
  if (!span || !walk.toInputLine) return span
  return [walk.toInputLine(span[0]), walk.toInputLine(span[1])]
}

function nodeFromJson(json: Json, walk: NodeWalk): PlanNode {
  // The parsed object is ours (fresh from the reader): it becomes the node's attributes once its
  // children and workers are taken out. They come last in PostgreSQL's output, so deleting them
  // keeps the object's fast layout.
  const plans = json['Plans']
  const workersJson = json['Workers']
  if (plans !== undefined) delete json['Plans']
  if (workersJson !== undefined) delete json['Workers']
  const attributes = json
  const written = attributes['Node Type']
  const nodeType = typeof written === 'string' ? written : null
  const index = Object.hasOwn(attributes, 'Node Type') ? walk.spansUsed++ : -1
  if (nodeType === null && written !== undefined) {
    const line = index !== -1 ? linesOf(json, index, walk)?.[0] : undefined
    // The line number travels as `line`: the UI and the CLI put it in front.
    throw new MalformedNode(`The plan node's "Node Type" is ${shown(written)}, not a name like "Seq Scan": this is not an EXPLAIN plan`, line)
  }
  let sourceLines = walk.eager && index !== -1 ? linesOf(json, index, walk) : undefined
  const unknown = nodeType !== null && !knownNodeTypes.has(nodeType) && !walk.warnedTypes.has(nodeType)
  // A warning names its line even when lines are not wanted yet.
  if ((nodeType === null || unknown) && index !== -1) sourceLines ??= linesOf(json, index, walk)
  const at = sourceLines?.[0]
  if (nodeType === null) {
    attributes['Node Type'] = 'Unknown'
    walk.warnings.push(`A plan node has no "Node Type"${at !== undefined ? ` (line ${at})` : ''}`)
  } else if (unknown) {
    walk.warnedTypes.add(nodeType)
    walk.warnings.push(`Unknown node type "${nodeType}"${at !== undefined ? ` on line ${at}` : ''}; shown as printed`)
  }
  const workers: WorkerStats[] = []
  if (Array.isArray(workersJson)) for (const worker of workersJson) if (isObject(worker)) workers.push(workerFrom(worker))
  const children: PlanNode[] = []
  if (Array.isArray(plans)) {
    for (const child of plans) {
      if (isObject(child)) children.push(nodeFromJson(child, walk))
      else warnOnce('Plans', '"Plans" holds a child that is not a node', json, index, walk)
    }
  } else if (plans !== undefined) warnOnce('Plans', '"Plans" is not a list', json, index, walk)
  const node = nodeFromAttributes(attributes, workers, children, sourceLines)
  // An indexed loop over a constant table: no iterator, no allocation per node.
  for (let i = 0; i < numericFields.length; i++) {
    const pair = numericFields[i]!
    const key = pair[1]
    if (node[pair[0]] === null && attributes[key] !== undefined) warnOnce(key, `"${key}" is ${shown(attributes[key])}, not a number`, json, index, walk)
  }
  return node
}

/** A JSON value as a message quotes it: short, whatever its size. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/**
 * A wrong-typed part of a node (a cost that is not a number, "Plans" that is not a list): the node shows
 * without it, and one warning per key says where it was first met.
 */
function warnOnce(key: string, problem: string, json: Json, index: number, walk: NodeWalk): void {
  if (walk.warnedKeys.has(key)) return
  walk.warnedKeys.add(key)
  const at = index !== -1 ? linesOf(json, index, walk)?.[0] : undefined
  walk.warnings.push(`${problem}${at !== undefined ? ` (node on line ${at})` : ''}; left out`)
}
