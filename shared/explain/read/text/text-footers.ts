/**
 * The lines under a text-format plan, at the root's indentation: "Planning
 * Time", "Execution Time", "Trigger …", "Settings: …", and the "Planning:",
 * "JIT:" and "Serialization:" blocks with the lines indented under them.
 *
 * `PlanFooter` collects them as the parser meets them and hands back what the
 * plan model keeps: the times, triggers, settings, JIT and the rest as
 * attributes under their JSON-format keys.
 */
import type { TriggerTiming } from '../../model/plan-model'
import { applyDetail, typedValue } from './text-detail-lines'

type Json = Record<string, unknown>

type FooterBlock = { name: 'Planning' | 'JIT' | 'Serialization'; attributes: Json }

export class PlanFooter {
  /** Footers the model has no field for, under their JSON keys ("Planning", "Serialization", "Query Identifier"…). */
  readonly top: Json = {}
  planningTimeMs: number | null = null
  executionTimeMs: number | null = null
  readonly triggers: TriggerTiming[] = []
  readonly triggerJson: Json[] = []
  settings: Record<string, string> = {}
  jit: Json | null = null
  /** The block whose indented lines come next, if any. */
  block: FooterBlock | null = null

  /** A line at the root's indentation; false when it is no footer (the caller says why). */
  readLine(content: string): boolean {
    this.block = null
    const colon = content.indexOf(':')
    const key = colon === -1 ? content : content.slice(0, colon)
    const value = colon === -1 ? '' : content.slice(colon + 1).trim()
    const lower = key.toLowerCase()
    if (lower === 'planning time' || lower === 'total planning time') this.planningTimeMs = Number.parseFloat(value)
    else if (lower === 'execution time' || lower === 'total runtime') this.executionTimeMs = Number.parseFloat(value)
    else if (content.startsWith('Trigger ') || content.startsWith('Trigger:')) {
      const trigger = parseTrigger(content)
      this.triggerJson.push(trigger.attributes)
      this.triggers.push({ name: trigger.name, relation: trigger.relation, timeMs: trigger.timeMs, calls: trigger.calls })
    } else if (key === 'Settings') this.settings = parseSettings(value)
    else if (key === 'Planning' || key === 'JIT' || key === 'Serialization') {
      const block: FooterBlock = { name: key, attributes: {} }
      this.block = block
      if (key === 'JIT') this.jit = block.attributes
      else this.top[key] = block.attributes
      if (key === 'Serialization' && value) applySerialization(value, block.attributes)
    } else if (colon !== -1 && /^[A-Z][A-Za-z /-]*$/.test(key)) this.top[key] = typedValue(value)
    else return false
    return true
  }

  /** A line indented under the open block ("Buffers: …" under "Planning:", "Timing: …" under "JIT:"). */
  readBlockLine(block: FooterBlock, content: string): void {
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
  }

  /** The plan-level attributes: every footer but the triggers, which the model keeps apart. */
  attributes(): Json {
    if (this.triggerJson.length) this.top['Triggers'] = this.triggerJson
    return Object.fromEntries(Object.entries(this.top).filter(([key]) => key !== 'Triggers'))
  }
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
