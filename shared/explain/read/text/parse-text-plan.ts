/**
 * EXPLAIN's text format → the plan model, as users paste it.
 *
 * Each line is one of: a node ("->  Hash Join  (cost=…) (actual …)", or the root
 * without the arrow), a subplan header ("InitPlan 1 (returns $0)", "SubPlan 2",
 * "CTE name") that names the node below it, a detail of the node above
 * ("Filter: …"), a parallel worker's line ("Worker 0:  actual time=…") and the
 * lines indented under it, or a footer at the root's indentation ("Planning
 * Time", "Trigger …", "JIT:", "Settings:"). The tree comes from the indentation
 * through a stack, so the parse is one pass: no regex runs over indentation and
 * no string grows line by line.
 */
import { cleanPastedPlan, type CleanLine } from '../clean-pasted-plan'
import { type ExplainPlan, type ParsePlanResult, type PlanNode, type TriggerTiming } from '../../model/plan-model'
import { buffersFrom, jitFrom, nodeFromAttributes, workerFrom } from '../../model/plan-node-fields'
import { applyDetail, typedValue } from './text-detail-lines'
import { parseNodeLabel } from './text-node-label'

type Json = Record<string, unknown>

/** A paste with thousands of odd lines gets a readable list, not thousands of warnings. */
const maxWarnings = 50

interface NodeDraft {
  attributes: Json
  workers: Json[]
  children: NodeDraft[]
  /** Column of the node's name; its details are indented further. */
  nameCol: number
  first: number
  last: number
}

interface WorkerContext {
  attributes: Json
  col: number
  node: NodeDraft
}

function indentOf(text: string): number {
  let i = 0
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  return i
}

const keyChar = /[A-Za-z0-9 /_().'-]/

/** Whether `text` from `start` can start a plan line; anything else is the tail of a line a terminal wrapped. */
function startsPlanLine(text: string, start: number): boolean {
  if (text.startsWith('->', start)) return true
  for (const word of ['InitPlan', 'SubPlan', 'CTE ', 'Trigger ']) if (text.startsWith(word, start)) return true
  const first = text.charCodeAt(start)
  if (!(first >= 65 && first <= 90)) return false
  const limit = Math.min(text.length, start + 64)
  for (let i = start + 1; i < limit; i++) {
    const c = text[i]!
    if (c === ':') return i + 1 === text.length || text[i + 1] === ' '
    if (!keyChar.test(c)) return false
  }
  return false
}

const footerStarts = ['Planning', 'Execution', 'Settings:', 'Trigger', 'JIT:', 'Query Identifier:', 'Serialization:', 'Total runtime:']

/**
 * Join the pieces of lines a narrow terminal wrapped back into one line each.
 *
 * A piece is a line that cannot start a plan line: no "->", no "Key:", or, at
 * the root's indentation, nothing a footer starts with (terminals put pieces
 * at column 0, where only the root and the footers live).
 */
function joinWrapped(lines: CleanLine[]): CleanLine[] {
  const out: CleanLine[] = []
  let previousBlank = true
  let baseCol = -1
  // Pieces are collected per line and joined once, so a line broken many times is not rebuilt each time.
  let pieces: string[] | null = null
  const flush = () => {
    const last = out[out.length - 1]
    if (last) last.text = (pieces ? pieces.join('') : last.text).trimEnd()
    pieces = null
  }
  for (const line of lines) {
    const text = line.text
    const col = indentOf(text)
    if (col === text.length) {
      flush()
      previousBlank = true
      continue
    }
    const piece =
      baseCol !== -1 &&
      !previousBlank &&
      (!startsPlanLine(text, col) || (col <= baseCol && !footerStarts.some((start) => text.startsWith(start, col))))
    if (piece) {
      const last = out[out.length - 1]!
      pieces ??= [last.text]
      pieces.push(text)
      last.last = line.last
      continue
    }
    flush()
    if (baseCol === -1) baseCol = col
    // The lines are ours (fresh from the cleaner or handed over by parsePlan): updated in place.
    out.push(line)
    previousBlank = false
  }
  flush()
  return out
}

interface Header {
  label: string
  /** Numbers of the "(cost=…)" and "(actual …)" groups; NaN where not printed. */
  startupCost: number
  totalCost: number
  planRows: number
  planWidth: number
  actualStartup: number
  actualTotal: number
  actualRows: number
  loops: number
}

const costPattern = /\(cost=(-?[\d.]+)\.\.(-?[\d.]+)\s*rows=(\d+(?:\.\d+)?)\s*width=(\d+)\)/
const actualPattern = /\(actual\s*(?:time=([\d.]+)\.\.([\d.]+)\s*)?rows=([\d.]+)\s*loops=(\d+)\)/

/** "Label  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..0.2 rows=1 loops=1)". */
function parseHeader(content: string): Header {
  let cut = content.length
  for (const marker of ['(cost=', '(actual', '(never']) {
    const at = content.indexOf(marker)
    if (at !== -1 && at < cut) cut = at
  }
  const header: Header = {
    label: content.slice(0, cut).trim(),
    startupCost: NaN,
    totalCost: NaN,
    planRows: NaN,
    planWidth: NaN,
    actualStartup: NaN,
    actualTotal: NaN,
    actualRows: NaN,
    loops: NaN
  }
  if (cut === content.length) return header
  // The cost and actual groups are short; a bounded tail keeps a garbage line from costing more.
  const tail = content.slice(cut, cut + 400)
  const cost = costPattern.exec(tail)
  if (cost) {
    header.startupCost = Number(cost[1])
    header.totalCost = Number(cost[2])
    header.planRows = Number(cost[3])
    header.planWidth = Number(cost[4])
  }
  const actual = actualPattern.exec(tail)
  if (actual) {
    if (actual[1] !== undefined) {
      header.actualStartup = Number(actual[1])
      header.actualTotal = Number(actual[2])
    }
    header.actualRows = Number(actual[3])
    header.loops = Number(actual[4])
  } else if (/\(never\s*executed\)/.test(tail)) {
    header.actualRows = 0
    header.loops = 0
  }
  return header
}

const hasStats = (header: Header) => !Number.isNaN(header.totalCost) || !Number.isNaN(header.loops)

/** The label's attributes with the header's costs and timings, under their JSON keys. */
function withTiming(attributes: Json, header: Header): Json {
  if (!Number.isNaN(header.totalCost)) {
    attributes['Startup Cost'] = header.startupCost
    attributes['Total Cost'] = header.totalCost
    attributes['Plan Rows'] = header.planRows
    attributes['Plan Width'] = header.planWidth
  }
  if (!Number.isNaN(header.actualTotal)) {
    attributes['Actual Startup Time'] = header.actualStartup
    attributes['Actual Total Time'] = header.actualTotal
  }
  if (!Number.isNaN(header.loops)) {
    attributes['Actual Rows'] = header.actualRows
    attributes['Actual Loops'] = header.loops
  }
  return attributes
}

/** "actual time=1.0..2.0 rows=5 loops=1" of a worker, or null. */
function workerTiming(text: string): Json | null {
  const match = /^actual (?:time=([\d.]+)\.\.([\d.]+)\s*)?rows=([\d.]+)\s*loops=(\d+)/.exec(text)
  if (!match) return text.startsWith('never executed') ? { 'Actual Rows': 0, 'Actual Loops': 0 } : null
  const timing: Json = {}
  if (match[1] !== undefined) {
    timing['Actual Startup Time'] = Number(match[1])
    timing['Actual Total Time'] = Number(match[2])
  }
  timing['Actual Rows'] = Number(match[3])
  timing['Actual Loops'] = Number(match[4])
  return timing
}

/** "work_mem = '64kB', search_path = 'a, b'": values may hold commas, so names anchor the split. */
export function parseSettings(text: string): Record<string, string> {
  const settings: Record<string, string> = {}
  let pos = 0
  while (pos < text.length) {
    const eq = text.indexOf(" = '", pos)
    if (eq === -1) break
    const name = text.slice(pos, eq).trim()
    const valueStart = eq + 4
    let search = valueStart
    let end = -1
    let next = text.length
    for (;;) {
      const quote = text.indexOf("', ", search)
      if (quote === -1) {
        end = text.endsWith("'") ? text.length - 1 : text.length
        break
      }
      if (/^[A-Za-z_][\w.]* = '/.test(text.slice(quote + 3, quote + 3 + 80))) {
        end = quote
        next = quote + 3
        break
      }
      search = quote + 1
    }
    settings[name] = text.slice(valueStart, Math.max(valueStart, end))
    pos = next
  }
  return settings
}

/** "Trigger name on rel: time=1.0 calls=3", "Trigger for constraint fk: calls=3". */
function parseTrigger(content: string): TriggerTiming & { attributes: Json } {
  const colon = content.lastIndexOf(': ')
  let head = (colon === -1 ? content : content.slice(0, colon)).slice('Trigger'.length).trim()
  const stats: Json = {}
  for (const part of (colon === -1 ? '' : content.slice(colon + 2)).split(' ')) {
    const eq = part.indexOf('=')
    if (eq !== -1) stats[part.slice(0, eq)] = typedValue(part.slice(eq + 1))
  }
  let relation: string | null = null
  const on = head.lastIndexOf(' on ')
  if (on !== -1) {
    relation = head.slice(on + 4)
    head = head.slice(0, on)
  } else if (head.startsWith('on ')) {
    relation = head.slice(3)
    head = ''
  }
  let constraint: string | null = null
  const forConstraint = head.indexOf('for constraint ')
  if (forConstraint !== -1) {
    constraint = head.slice(forConstraint + 'for constraint '.length).trim()
    head = head.slice(0, forConstraint).trim()
  }
  const attributes: Json = { 'Trigger Name': head || constraint || '?' }
  if (constraint) attributes['Constraint Name'] = constraint
  if (relation) attributes['Relation'] = relation
  if (stats['time'] !== undefined) attributes['Time'] = stats['time']
  if (stats['calls'] !== undefined) attributes['Calls'] = stats['calls']
  return {
    name: head || constraint || '?',
    relation,
    timeMs: typeof stats['time'] === 'number' ? stats['time'] : null,
    calls: typeof stats['calls'] === 'number' ? stats['calls'] : null,
    attributes
  }
}

/** "Generation 0.5 ms (Deform 0.2 ms), Inlining 0.0 ms, …" → the JSON format's "Timing". */
function jitTiming(text: string): Json {
  const timing: Json = {}
  for (const part of text.split(', ')) {
    const match = /^(\w+) ([\d.]+) ms(?: \((\w+) ([\d.]+) ms\))?/.exec(part.trim())
    if (!match) continue
    timing[match[1]!] = match[3] ? { [match[3]]: Number(match[4]), Total: Number(match[2]) } : Number(match[2])
  }
  return timing
}

function jitOptions(text: string): Json {
  const options: Json = {}
  for (const part of text.split(', ')) {
    const [name, value] = part.trim().split(' ')
    if (name) options[name] = value === 'true'
  }
  return options
}

/** Parent relationships the JSON format prints, from the parent's type and the child's place. */
function relationshipOf(parent: NodeDraft, regularIndex: number, regularCount: number): string {
  const type = parent.attributes['Node Type']
  if (type === 'Append' || type === 'Merge Append' || type === 'BitmapAnd' || type === 'BitmapOr') return 'Member'
  if (type === 'ModifyTable' && regularCount > 1) return 'Member'
  if (type === 'Subquery Scan') return 'Subquery'
  if (type === 'Custom Scan') return 'children'
  return regularIndex === 0 ? 'Outer' : 'Inner'
}

/** `timed`: the plan has timings, so a "(never executed)" node gets the zero times the JSON format prints. */
function buildNode(draft: NodeDraft, timed: boolean): PlanNode {
  if (timed && draft.attributes['Actual Loops'] === 0 && draft.attributes['Actual Total Time'] === undefined) {
    draft.attributes['Actual Startup Time'] = 0
    draft.attributes['Actual Total Time'] = 0
  }
  let regularCount = 0
  for (const child of draft.children) if (child.attributes['Parent Relationship'] === undefined) regularCount++
  let index = 0
  const children: PlanNode[] = new Array(draft.children.length)
  for (let i = 0; i < draft.children.length; i++) {
    const child = draft.children[i]!
    if (child.attributes['Parent Relationship'] === undefined) {
      child.attributes['Parent Relationship'] = relationshipOf(draft, index++, regularCount)
    }
    children[i] = buildNode(child, timed)
  }
  const workers = draft.workers.length ? draft.workers.map(workerFrom) : []
  return nodeFromAttributes(draft.attributes, workers, children, [draft.first, draft.last])
}

function fail(message: string, line?: number): ParsePlanResult {
  return { ok: false, error: line === undefined ? { message } : { message, line } }
}

export function parseTextPlan(input: string | CleanLine[]): ParsePlanResult {
  const lines = joinWrapped(typeof input === 'string' ? cleanPastedPlan(input) : input)
  const warnings: string[] = []
  let start = 0
  while (start < lines.length && lines[start]!.text.trim() === '') start++
  if (start === lines.length) return fail('The plan is empty')

  const rootLine = lines[start]!
  const baseCol = indentOf(rootLine.text)
  const rootContent = rootLine.text.slice(baseCol)
  const rootHeader = parseHeader(rootContent.startsWith('->') ? rootContent.slice(2).trim() : rootContent)
  const rootLabel = parseNodeLabel(rootHeader.label)
  if (!rootLabel.known && !hasStats(rootHeader)) {
    return fail(
      `Line ${rootLine.first} does not start an EXPLAIN plan: expected a node such as "Seq Scan on orders  (cost=…)" or a JSON plan`,
      rootLine.first
    )
  }
  const reportedTypes = new Set<string>()
  const reportUnknown = (type: unknown, line: number) => {
    if (reportedTypes.has(String(type))) return
    reportedTypes.add(String(type))
    warnings.push(`Unknown node type "${String(type)}" on line ${line}; shown as printed`)
  }
  if (!rootLabel.known) reportUnknown(rootLabel.attributes['Node Type'], rootLine.first)

  const root: NodeDraft = {
    attributes: withTiming(rootLabel.attributes, rootHeader),
    workers: [],
    children: [],
    nameCol: baseCol,
    first: rootLine.first,
    last: rootLine.last
  }
  const stack: NodeDraft[] = [root]
  let timed = !Number.isNaN(rootHeader.actualTotal)
  let worker: WorkerContext | null = null
  let pendingSubplan: { name: string; col: number } | null = null

  // Footer state.
  const top: Json = {}
  let planningTimeMs: number | null = null
  let executionTimeMs: number | null = null
  const triggers: TriggerTiming[] = []
  const triggerJson: Json[] = []
  let settings: Record<string, string> = {}
  let jit: Json | null = null
  let block: { name: 'Planning' | 'JIT' | 'Serialization'; attributes: Json } | null = null
  let stopped = false

  for (let i = start + 1; i < lines.length && !stopped; i++) {
    const line = lines[i]!
    const col = indentOf(line.text)
    const content = line.text.slice(col)
    if (content === '') continue

    // Footers sit at the root's indentation.
    if (col <= baseCol) {
      worker = null
      block = null
      const colon = content.indexOf(':')
      const key = colon === -1 ? content : content.slice(0, colon)
      const value = colon === -1 ? '' : content.slice(colon + 1).trim()
      const lower = key.toLowerCase()
      if (lower === 'planning time' || lower === 'total planning time') planningTimeMs = Number.parseFloat(value)
      else if (lower === 'execution time' || lower === 'total runtime') executionTimeMs = Number.parseFloat(value)
      else if (content.startsWith('Trigger ') || content.startsWith('Trigger:')) {
        const trigger = parseTrigger(content)
        triggerJson.push(trigger.attributes)
        triggers.push({ name: trigger.name, relation: trigger.relation, timeMs: trigger.timeMs, calls: trigger.calls })
      } else if (key === 'Settings') settings = parseSettings(value)
      else if (key === 'Planning' || key === 'JIT' || key === 'Serialization') {
        block = { name: key, attributes: {} }
        if (key === 'JIT') jit = block.attributes
        else top[key] = block.attributes
        if (key === 'Serialization' && value) applySerialization(value, block.attributes)
      } else if (colon !== -1 && /^[A-Z][A-Za-z /-]*$/.test(key)) top[key] = typedValue(value)
      else if (parseNodeLabel(parseHeader(content).label).known) {
        warnings.push(`Line ${line.first} starts another plan; only the first is shown`)
        stopped = true
      } else warnings.push(`Line ${line.first} was not understood and is left out: ${content.slice(0, 80)}`)
      continue
    }
    if (block) {
      const colon = content.indexOf(': ')
      const key = colon === -1 ? content.replace(/:$/, '') : content.slice(0, colon)
      const value = colon === -1 ? '' : content.slice(colon + 2)
      if (block.name === 'JIT') {
        if (key === 'Functions') block.attributes['Functions'] = typedValue(value)
        else if (key === 'Options') block.attributes['Options'] = jitOptions(value)
        else if (key === 'Timing') block.attributes['Timing'] = jitTiming(value)
        else block.attributes[key] = typedValue(value)
      } else if (key === 'Memory') {
        const found = parsePairs(value)
        if (found['used'] !== undefined) block.attributes['Memory Used'] = typedValue(found['used'].replace(/kB$/, ''))
        if (found['allocated'] !== undefined) block.attributes['Memory Allocated'] = typedValue(found['allocated'].replace(/kB$/, ''))
      } else applyDetail(key, value, block.attributes)
      continue
    }

    // A parallel worker's own lines are indented under its "Worker N:" line.
    if (worker && col > worker.col && !content.startsWith('->')) {
      const colon = content.indexOf(': ')
      if (colon !== -1) applyDetail(content.slice(0, colon), content.slice(colon + 2), worker.attributes)
      worker.node.last = line.last
      continue
    }
    worker = null

    if (content.startsWith('->')) {
      const nameCol = col + 2 + indentOf(content.slice(2))
      while (stack.length > 1 && stack[stack.length - 1]!.nameCol >= col) stack.pop()
      const parent = stack[stack.length - 1]!
      if (parent.nameCol >= col) warnings.push(`Line ${line.first} is indented less than its plan; it was attached to the top node`)
      const header = parseHeader(content.slice(2).trim())
      if (!Number.isNaN(header.actualTotal)) timed = true
      const label = parseNodeLabel(header.label)
      if (!label.known) reportUnknown(label.attributes['Node Type'], line.first)
      const node: NodeDraft = {
        attributes: withTiming(label.attributes, header),
        workers: [],
        children: [],
        nameCol,
        first: line.first,
        last: line.last
      }
      if (pendingSubplan && col > pendingSubplan.col) {
        node.attributes['Parent Relationship'] = pendingSubplan.name.startsWith('SubPlan') ? 'SubPlan' : 'InitPlan'
        node.attributes['Subplan Name'] = pendingSubplan.name
      }
      pendingSubplan = null
      parent.children.push(node)
      stack.push(node)
      continue
    }

    while (stack.length > 1 && stack[stack.length - 1]!.nameCol >= col) stack.pop()
    const node = stack[stack.length - 1]!
    const initial = content.charCodeAt(0)
    if ((initial === 73 /* I */ || initial === 83 /* S */) && /^(InitPlan|SubPlan) \d+/.test(content) || content.startsWith('CTE ')) {
      pendingSubplan = { name: content.trim(), col }
      continue
    }
    const worked = initial === 87 /* W */ ? /^Worker (\d+):\s*(.*)$/.exec(content) : null
    if (worked) {
      const attributes: Json = Object.create(null)
      attributes['Worker Number'] = Number(worked[1])
      const rest = worked[2] ?? ''
      const timing = workerTiming(rest)
      if (timing) Object.assign(attributes, timing)
      else {
        const colon = rest.indexOf(': ')
        if (colon !== -1) applyDetail(rest.slice(0, colon), rest.slice(colon + 2), attributes)
      }
      node.workers.push(attributes)
      worker = { attributes, col, node }
      node.last = line.last
      continue
    }
    const colon = content.indexOf(': ')
    if (colon === -1) {
      // "Planning:"-style keys without a value, or a fragment we cannot place.
      if (content.endsWith(':')) node.attributes[content.slice(0, -1)] = ''
      else warnings.push(`Line ${line.first} was not understood and is left out: ${content.slice(0, 80)}`)
      continue
    }
    applyDetail(content.slice(0, colon), content.slice(colon + 2), node.attributes)
    node.last = line.last
  }

  let rootNode: PlanNode
  try {
    rootNode = buildNode(root, timed)
  } catch (error) {
    if (error instanceof RangeError) return fail('The plan is nested too deeply to show')
    throw error
  }
  if (warnings.length > maxWarnings) warnings.splice(maxWarnings, warnings.length - maxWarnings, `… and ${warnings.length - maxWarnings} more lines like these`)
  if (triggerJson.length) top['Triggers'] = triggerJson
  const planning = (top['Planning'] as Json | undefined) ?? null
  const plan: ExplainPlan = {
    format: 'text',
    root: rootNode,
    planningTimeMs,
    executionTimeMs,
    planningBuffers: planning ? buffersFrom(planning) : null,
    triggers,
    jit: jitFrom(jit),
    settings,
    serverVersion: null,
    warnings,
    attributes: Object.fromEntries(Object.entries(top).filter(([key]) => key !== 'Triggers'))
  }
  return { ok: true, plan }
}

function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of text.split(/\s+/)) {
    const eq = part.indexOf('=')
    if (eq !== -1) out[part.slice(0, eq)] = part.slice(eq + 1)
  }
  return out
}

/** "time=0.012 ms  output=12kB  format=text" (SERIALIZE, 17+). */
function applySerialization(value: string, attributes: Json): void {
  const found = parsePairs(value)
  if (found['time'] !== undefined) attributes['Time'] = typedValue(found['time'])
  if (found['output'] !== undefined) attributes['Output Volume'] = typedValue(found['output'])
  if (found['format'] !== undefined) attributes['Format'] = found['format']
}
