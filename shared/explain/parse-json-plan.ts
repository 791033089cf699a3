/**
 * EXPLAIN (FORMAT JSON) → the plan model.
 *
 * Accepts the server's output as is (`[ { "Plan": … } ]`), without the outer
 * array, a bare plan node, and the `{"QUERY PLAN": …}` wrapper some clients
 * export. Any mix of ANALYZE, BUFFERS, VERBOSE, SETTINGS, WAL, TIMING OFF from
 * PostgreSQL 12 to 18 reads the same way because every node property is kept
 * under its own key and the typed fields are derived from those keys.
 */
import { readJsonWithLines } from './json-with-lines'
import { knownNodeTypes, type ExplainPlan, type ParsePlanResult, type PlanNode, type WorkerStats } from './plan-model'
import { buffersFrom, jitFrom, nodeFromAttributes, num, str, triggerFrom, workerFrom } from './plan-node-fields'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Parse a JSON plan. `lineNumbers[i]` is the input line of line i + 1 of `text`
 * when the text was cleaned from a paste (psql's `+` marks and header removed).
 */
export function parseJsonPlan(text: string, lineNumbers?: number[]): ParsePlanResult {
  const toInputLine = (line: number) => (lineNumbers ? (lineNumbers[line - 1] ?? lineNumbers[lineNumbers.length - 1] ?? line) : line)
  const read = readJsonWithLines(text)
  if (!read.ok) return { ok: false, error: { message: `The JSON plan cannot be read: ${read.message}`, line: toInputLine(read.line) } }

  const warnings: string[] = []
  let top: unknown = read.value
  for (let unwrap = 0; unwrap < 4; unwrap++) {
    if (Array.isArray(top)) {
      if (top.length === 0) return { ok: false, error: { message: 'The JSON is an empty list, not a plan' } }
      if (top.length > 1) warnings.push(`The JSON holds ${top.length} plans; only the first is shown`)
      top = top[0]
    } else if (isObject(top) && 'QUERY PLAN' in top) {
      top = typeof top['QUERY PLAN'] === 'string' ? safeParse(top['QUERY PLAN']) : top['QUERY PLAN']
    } else break
  }
  if (!isObject(top)) return { ok: false, error: { message: 'The JSON is not an EXPLAIN plan: expected an object with a "Plan" key' } }
  const explain: Json = isObject(top['Plan']) ? top : 'Node Type' in top ? { Plan: top } : {}
  if (!isObject(explain['Plan'])) {
    return { ok: false, error: { message: 'The JSON is not an EXPLAIN plan: it has no "Plan" with a "Node Type"' } }
  }

  let root: PlanNode
  try {
    root = nodeFromJson(explain['Plan'] as Json, read.spans, toInputLine, warnings)
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: { message: 'The plan is nested too deeply to show' } }
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
  return { ok: true, plan }
}

function safeParse(text: string): unknown {
  const read = readJsonWithLines(text)
  return read.ok ? read.value : null
}

function nodeFromJson(
  json: Json,
  spans: WeakMap<object, [number, number]>,
  toInputLine: (line: number) => number,
  warnings: string[]
): PlanNode {
  const attributes: Json = {}
  for (const [key, value] of Object.entries(json)) if (key !== 'Plans' && key !== 'Workers') attributes[key] = value
  const nodeType = str(attributes['Node Type'])
  const span = spans.get(json)
  const sourceLines: [number, number] | undefined = span ? [toInputLine(span[0]), toInputLine(span[1])] : undefined
  if (nodeType === null) {
    attributes['Node Type'] = 'Unknown'
    warnings.push(`A plan node has no "Node Type"${sourceLines ? ` (line ${sourceLines[0]})` : ''}`)
  } else if (!knownNodeTypes.has(nodeType) && !warnings.some((warning) => warning.startsWith(`Unknown node type "${nodeType}"`))) {
    warnings.push(`Unknown node type "${nodeType}"${sourceLines ? ` on line ${sourceLines[0]}` : ''}; shown as printed`)
  }
  const workers: WorkerStats[] = Array.isArray(json['Workers']) ? json['Workers'].filter(isObject).map((worker) => workerFrom({ ...worker })) : []
  const children = Array.isArray(json['Plans']) ? json['Plans'].filter(isObject).map((child) => nodeFromJson(child, spans, toInputLine, warnings)) : []
  return nodeFromAttributes(attributes, workers, children, sourceLines)
}
