/**
 * A text-format node line's header: its label and the "(cost=…)" and
 * "(actual …)" groups, and a parallel worker's own "actual …" figures.
 *
 * The figures land under the keys the JSON format uses, so both formats build
 * their nodes through the same code (plan-node-fields.ts).
 */
type Json = Record<string, unknown>

export interface Header {
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
export function parseHeader(content: string): Header {
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

export const hasStats = (header: Header) => !Number.isNaN(header.totalCost) || !Number.isNaN(header.loops)

/** The label's attributes with the header's costs and timings, under their JSON keys. */
export function withTiming(attributes: Json, header: Header): Json {
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
export function workerTiming(text: string): Json | null {
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
