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
 *
 * The steps, in order: join what a terminal wrapped (text-wrapped-lines.ts),
 * read the root line (`readRoot`), read every other line (`TextPlanReader`,
 * one method per kind of line), then build the nodes and the plan (`finish`).
 */
import { cleanPastedPlan, type CleanLine } from '../clean-pasted-plan'
import type { ExplainPlan, ParsePlanResult, PlanNode } from '../../model/plan-model'
import { buffersFrom, jitFrom, nodeFromAttributes, workerFrom } from '../../model/plan-node-fields'
import { applyDetail } from './text-detail-lines'
import { PlanFooter } from './text-footers'
import { hasStats, parseHeader, withTiming, workerTiming, type Header } from './text-node-header'
import { parseNodeLabel, type ParsedLabel } from './text-node-label'
import { indentOf, joinWrapped } from './text-wrapped-lines'

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

/** Every draft is made here, so all have one shape. */
function draftOf(label: ParsedLabel, header: Header, nameCol: number, line: CleanLine): NodeDraft {
  return { attributes: withTiming(label.attributes, header), workers: [], children: [], nameCol, first: line.first, last: line.last }
}

function fail(message: string, line?: number): ParsePlanResult {
  return { ok: false, error: line === undefined ? { message } : { message, line } }
}

export function parseTextPlan(input: string | CleanLine[]): ParsePlanResult {
  const lines = joinWrapped(typeof input === 'string' ? cleanPastedPlan(input) : input)
  let start = 0
  while (start < lines.length && lines[start]!.text.trim() === '') start++
  if (start === lines.length) return fail('The plan is empty')
  const reader = readRoot(lines[start]!)
  if (!(reader instanceof TextPlanReader)) return reader
  for (let i = start + 1; i < lines.length && !reader.stopped; i++) reader.readLine(lines[i]!)
  return reader.finish()
}

/** The first line must be a node: it sets the indentation of the footers. */
function readRoot(rootLine: CleanLine): TextPlanReader | ParsePlanResult {
  const baseCol = indentOf(rootLine.text)
  const rootContent = rootLine.text.slice(baseCol)
  const rootHeader = parseHeader(rootContent.startsWith('->') ? rootContent.slice(2).trim() : rootContent)
  const rootLabel = parseNodeLabel(rootHeader.label)
  if (!rootLabel.known && !hasStats(rootHeader)) {
    return fail(
      // The line number travels as `line`: the UI and the CLI put it in front, so the message does not repeat it.
      `This does not start an EXPLAIN plan: expected a node such as "Seq Scan on orders  (cost=…)" or a JSON plan`,
      rootLine.first
    )
  }
  const reader = new TextPlanReader(draftOf(rootLabel, rootHeader, baseCol, rootLine), !Number.isNaN(rootHeader.actualTotal))
  if (!rootLabel.known) reader.reportUnknown(rootLabel.attributes['Node Type'], rootLine.first)
  return reader
}

/** What the one pass keeps between lines, and one step per kind of line. */
class TextPlanReader {
  readonly warnings: string[] = []
  private readonly reportedTypes = new Set<string>()
  /** The open nodes, root first: a line belongs to the deepest one whose name it is indented past. */
  private readonly stack: NodeDraft[]
  private readonly baseCol: number
  /** The plan has timings, so a "(never executed)" node gets the zero times the JSON format prints. */
  private timed: boolean
  private worker: WorkerContext | null = null
  private pendingSubplan: { name: string; col: number } | null = null
  private readonly footer = new PlanFooter()
  stopped = false

  constructor(
    private readonly root: NodeDraft,
    timed: boolean
  ) {
    this.stack = [root]
    this.baseCol = root.nameCol
    this.timed = timed
  }

  reportUnknown(type: unknown, line: number): void {
    if (this.reportedTypes.has(String(type))) return
    this.reportedTypes.add(String(type))
    this.warnings.push(`Unknown node type "${String(type)}" on line ${line}; shown as printed`)
  }

  readLine(line: CleanLine): void {
    const col = indentOf(line.text)
    const content = line.text.slice(col)
    if (content === '') return
    // Footers sit at the root's indentation.
    if (col <= this.baseCol) return this.readFooter(line, content)
    const block = this.footer.block
    if (block) return this.footer.readBlockLine(block, content)
    // A parallel worker's own lines are indented under its "Worker N:" line.
    const worker = this.worker
    if (worker && col > worker.col && !content.startsWith('->')) return this.readWorkerDetail(worker, line, content)
    this.worker = null
    if (content.startsWith('->')) return this.readNode(line, content, col)
    this.readUnderNode(line, content, col)
  }

  private readFooter(line: CleanLine, content: string): void {
    this.worker = null
    if (this.footer.readLine(content)) return
    if (parseNodeLabel(parseHeader(content).label).known) {
      this.warnings.push(`Line ${line.first} starts another plan; only the first is shown`)
      this.stopped = true
    } else this.warnings.push(`Line ${line.first} was not understood and is left out: ${content.slice(0, 80)}`)
  }

  private readWorkerDetail(worker: WorkerContext, line: CleanLine, content: string): void {
    const colon = content.indexOf(': ')
    if (colon !== -1) applyDetail(content.slice(0, colon), content.slice(colon + 2), worker.attributes)
    worker.node.last = line.last
  }

  /** The deepest open node whose name `col` is indented past (the root when none is). */
  private ownerAt(col: number): NodeDraft {
    const stack = this.stack
    while (stack.length > 1 && stack[stack.length - 1]!.nameCol >= col) stack.pop()
    return stack[stack.length - 1]!
  }

  /** "->  Node  (cost=…)": a child of the node it is indented under. */
  private readNode(line: CleanLine, content: string, col: number): void {
    const nameCol = col + 2 + indentOf(content.slice(2))
    const parent = this.ownerAt(col)
    if (parent.nameCol >= col) this.warnings.push(`Line ${line.first} is indented less than its plan; it was attached to the top node`)
    const header = parseHeader(content.slice(2).trim())
    if (!Number.isNaN(header.actualTotal)) this.timed = true
    const label = parseNodeLabel(header.label)
    if (!label.known) this.reportUnknown(label.attributes['Node Type'], line.first)
    const node = draftOf(label, header, nameCol, line)
    const pendingSubplan = this.pendingSubplan
    if (pendingSubplan && col > pendingSubplan.col) {
      node.attributes['Parent Relationship'] = pendingSubplan.name.startsWith('SubPlan') ? 'SubPlan' : 'InitPlan'
      node.attributes['Subplan Name'] = pendingSubplan.name
    }
    this.pendingSubplan = null
    parent.children.push(node)
    this.stack.push(node)
  }

  /** A subplan header, a worker's line or a detail of the node it is indented under. */
  private readUnderNode(line: CleanLine, content: string, col: number): void {
    const node = this.ownerAt(col)
    const initial = content.charCodeAt(0)
    if ((initial === 73 /* I */ || initial === 83 /* S */) && /^(InitPlan|SubPlan) \d+/.test(content) || content.startsWith('CTE ')) {
      this.pendingSubplan = { name: content.trim(), col }
      return
    }
    const worked = initial === 87 /* W */ ? /^Worker (\d+):\s*(.*)$/.exec(content) : null
    if (worked) return this.readWorker(node, worked, line, col)
    const colon = content.indexOf(': ')
    if (colon === -1) {
      // "Planning:"-style keys without a value, or a fragment we cannot place.
      if (content.endsWith(':')) node.attributes[content.slice(0, -1)] = ''
      else this.warnings.push(`Line ${line.first} was not understood and is left out: ${content.slice(0, 80)}`)
      return
    }
    applyDetail(content.slice(0, colon), content.slice(colon + 2), node.attributes)
    node.last = line.last
  }

  /** "Worker 0:  actual time=… rows=… loops=…" or "Worker 0:  Sort Method: …". */
  private readWorker(node: NodeDraft, worked: RegExpExecArray, line: CleanLine, col: number): void {
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
    this.worker = { attributes, col, node }
    node.last = line.last
  }

  /** The drafts become plan nodes, the footers the plan's fields. */
  finish(): ParsePlanResult {
    let rootNode: PlanNode
    try {
      rootNode = buildNode(this.root, this.timed)
    } catch (error) {
      if (error instanceof RangeError) return fail('The plan is nested too deeply to show')
      throw error
    }
    const warnings = this.warnings
    if (warnings.length > maxWarnings) warnings.splice(maxWarnings, warnings.length - maxWarnings, `… and ${warnings.length - maxWarnings} more lines like these`)
    const footer = this.footer
    const attributes = footer.attributes()
    const planning = (footer.top['Planning'] as Json | undefined) ?? null
    const plan: ExplainPlan = {
      format: 'text',
      root: rootNode,
      planningTimeMs: footer.planningTimeMs,
      executionTimeMs: footer.executionTimeMs,
      planningBuffers: planning ? buffersFrom(planning) : null,
      triggers: footer.triggers,
      jit: jitFrom(footer.jit),
      settings: footer.settings,
      serverVersion: null,
      warnings,
      attributes
    }
    return { ok: true, plan }
  }
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
