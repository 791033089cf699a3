/**
 * The text format's detail lines ("Buffers: shared hit=1 read=2",
 * "Sort Method: external merge  Disk: 1234kB", …) as JSON-format attributes.
 *
 * Most lines are "Key: value" with the JSON key; the ones that pack several
 * properties onto one line, or name them differently, are spelled out here.
 * The text format leaves out counters that are zero, so a missing key means 0
 * wherever the JSON format would have printed one (see plan-node-fields.ts).
 */

type Json = Record<string, unknown>

/** Properties whose JSON value is a list. */
const listKeys = new Set(['Output', 'Sort Key', 'Group Key', 'Presorted Key', 'Conflict Arbiter Indexes', 'Params Evaluated', 'Hash Key'])

/** Expressions and names: kept as printed, even when they look like a number or a boolean. */
const textKeys = new Set([
  'Filter', 'Join Filter', 'One-Time Filter', 'Index Cond', 'Recheck Cond', 'Hash Cond', 'Merge Cond', 'TID Cond',
  'Order By', 'Run Condition', 'Cache Key', 'Cache Mode', 'Remote SQL', 'Function Call', 'Table Function Call',
  'Relations', 'Sampling', 'Storage', 'Conflict Resolution', 'Window', 'Repeatable Seed', 'Sort Method', 'Subplan Name',
  'Custom Plan Provider', 'Operation', 'Command', 'Strategy', 'Partial Mode', 'Join Type', 'Scan Direction'
])

/** A value as the JSON format would type it: numbers, kB sizes, booleans; other text as is. */
export function typedValue(value: string): unknown {
  const t = value.trim()
  if (t === 'true') return true
  if (t === 'false') return false
  const match = /^(-?\d+(?:\.\d+)?)(?: ?kB| ms)?$/.exec(t)
  if (match) {
    const n = Number(match[1])
    if (Number.isSafeInteger(n) || !Number.isInteger(n)) return n
    return match[1]
  }
  return t
}

/** Split a list at top-level commas: "f(a, b), c" → ["f(a, b)", "c"]. */
export function splitList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let quote = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quote) {
      if (c === quote) quote = 0
      continue
    }
    if (c === 39 /* ' */ || c === 34 /* " */) quote = c
    else if (c === 40 || c === 91 || c === 123 /* ( [ { */) depth++
    else if (c === 41 || c === 93 || c === 125 /* ) ] } */) depth = depth > 0 ? depth - 1 : 0
    else if (c === 44 /* , */ && depth === 0 && text.charCodeAt(i + 1) === 32) {
      const item = text.slice(start, i).trim()
      if (item !== '') items.push(item)
      start = i + 2
      i++
    }
  }
  const last = text.slice(start).trim()
  if (last !== '') items.push(last)
  return items
}

/** "a=1 b=2.5" → { a: 1, b: 2.5 }; multi-word names ("buffers full=0", "distinct keys=3") allowed. */
function pairs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  let pos = 0
  while (pos < text.length) {
    const eq = text.indexOf('=', pos)
    if (eq === -1) break
    const name = text.slice(pos, eq).trim()
    let end = eq + 1
    while (end < text.length && text[end] !== ' ') end++
    out[name] = text.slice(eq + 1, end)
    pos = end + 1
  }
  return out
}

const kb = (value: string | undefined) => (value === undefined ? undefined : typedValue(value.replace(/kB$/, '')))

/** "shared" → "hit" → "Shared Hit Blocks", built once rather than per line. */
const bufferKeys: Record<string, Record<string, string>> = {}
for (const kind of ['shared', 'local', 'temp']) {
  bufferKeys[kind] = {}
  for (const op of ['hit', 'read', 'dirtied', 'written']) {
    bufferKeys[kind]![op] = `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${op.charAt(0).toUpperCase()}${op.slice(1)} Blocks`
  }
}

/** "shared hit=1 read=2, local …, temp read=3 written=4" → Shared Hit Blocks … */
function applyBuffers(value: string, attributes: Json): void {
  for (const group of value.split(',')) {
    const words = group.trim()
    const space = words.indexOf(' ')
    if (space === -1) continue
    const kind = words.slice(0, space)
    const keys = bufferKeys[kind]
    for (const [op, count] of Object.entries(pairs(words.slice(space + 1)))) {
      attributes[keys?.[op] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${op.charAt(0).toUpperCase()}${op.slice(1)} Blocks`] = typedValue(count)
    }
  }
}

/** All three spellings: "read=1 write=2" (≤ 14), "shared/local read=…, temp read=…" (15–16), "shared read=…, local …, temp …" (17+). */
function applyIoTimings(value: string, attributes: Json): void {
  for (const group of value.split(',')) {
    const words = group.trim()
    const first = words.split(' ', 1)[0] ?? ''
    const hasPrefix = !first.includes('=')
    const prefix = !hasPrefix || first === 'shared/local' ? '' : `${first.charAt(0).toUpperCase()}${first.slice(1)} `
    for (const [op, ms] of Object.entries(pairs(hasPrefix ? words.slice(first.length + 1) : words))) {
      attributes[`${prefix}I/O ${op === 'read' ? 'Read' : 'Write'} Time`] = typedValue(ms)
    }
  }
}

function applyWal(value: string, attributes: Json): void {
  const names: Record<string, string> = { records: 'WAL Records', fpi: 'WAL FPI', bytes: 'WAL Bytes', 'buffers full': 'WAL Buffers Full' }
  for (const [name, count] of Object.entries(pairs(value))) attributes[names[name] ?? `WAL ${name}`] = typedValue(count)
}

/** "Full-sort Groups: 4  Sort Method: quicksort  Average Memory: 32kB  Peak Memory: 32kB" (Incremental Sort). */
function sortGroups(value: string): Json {
  const segments = value.split('  ')
  const group: Json = { 'Group Count': typedValue(segments[0] ?? '') }
  for (const segment of segments.slice(1)) {
    const colon = segment.indexOf(': ')
    if (colon === -1) continue
    const key = segment.slice(0, colon)
    const v = segment.slice(colon + 2)
    if (key === 'Sort Method' || key === 'Sort Methods') group['Sort Methods Used'] = splitList(v)
    else {
      const [stat, where] = key.split(' ') as [string, string]
      const space = `Sort Space ${where}`
      const target = (group[space] ??= {}) as Json
      target[`${stat} Sort Space Used`] = kb(v)
    }
  }
  return group
}

/** Segments "A: 1  B: 2" of a packed line, the first one's key given. */
function segments(firstKey: string, value: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const parts = value.split('  ').filter((part) => part.trim() !== '')
  out.push([firstKey, parts[0]?.trim() ?? ''])
  for (const part of parts.slice(1)) {
    const colon = part.indexOf(': ')
    if (colon === -1) out[out.length - 1]![1] += `  ${part}`
    else out.push([part.slice(0, colon).trim(), part.slice(colon + 2).trim()])
  }
  return out
}

/** "8192 (originally 1024)" → [8192, 1024]; "8192" → [8192, 8192]. */
function withOriginal(value: string): [unknown, unknown] {
  const match = /^(\d+)(?: \(originally (\d+)\))?/.exec(value.trim())
  if (!match) return [typedValue(value), typedValue(value)]
  return [Number(match[1]), Number(match[2] ?? match[1])]
}

/**
 * Apply one detail line, split at its first ": ", to a node's (or a worker's) attributes.
 * Returns false when the line is no "Key: value" line at all.
 */
export function applyDetail(key: string, value: string, attributes: Json): void {
  switch (key) {
    case 'Buffers':
      applyBuffers(value, attributes)
      return
    case 'I/O Timings':
      applyIoTimings(value, attributes)
      return
    case 'WAL':
      applyWal(value, attributes)
      return
    case 'Heap Blocks': {
      const found = pairs(value)
      for (const [kind, count] of Object.entries(found)) attributes[`${kind.charAt(0).toUpperCase()}${kind.slice(1)} Heap Blocks`] = typedValue(count)
      return
    }
    case 'Sort Method':
      for (const [k, v] of segments(key, value)) {
        if (k === 'Sort Method') attributes['Sort Method'] = v
        else if (k === 'Memory' || k === 'Disk') {
          attributes['Sort Space Used'] = kb(v)
          attributes['Sort Space Type'] = k
        } else attributes[k] = typedValue(v)
      }
      return
    case 'Buckets':
      for (const [k, v] of segments(key, value)) {
        if (k === 'Buckets' || k === 'Batches') {
          const [now, original] = withOriginal(v)
          attributes[`Hash ${k}`] = now
          attributes[`Original Hash ${k}`] = original
        } else if (k === 'Memory Usage') attributes['Peak Memory Usage'] = kb(v)
        else attributes[k] = typedValue(v)
      }
      return
    case 'Planned Partitions':
    case 'Batches':
      // HashAggregate (13+): "Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage: 3000kB".
      for (const [k, v] of segments(key, value)) {
        if (k === 'Batches') attributes['HashAgg Batches'] = typedValue(v)
        else if (k === 'Memory Usage') attributes['Peak Memory Usage'] = kb(v)
        else attributes[k] = typedValue(v)
      }
      return
    case 'Hits':
      // Memoize: "Hits: 0  Misses: 10  Evictions: 0  Overflows: 0  Memory Usage: 2kB".
      for (const [k, v] of segments(key, value)) {
        if (k === 'Memory Usage') attributes['Peak Memory Usage'] = kb(v)
        else attributes[`Cache ${k}`] = typedValue(v)
      }
      return
    case 'Estimates': {
      // Memoize (18): "capacity=1 distinct keys=1 lookups=2 hit percent=50.00%".
      const names: Record<string, string> = {
        capacity: 'Estimated Capacity',
        'distinct keys': 'Estimated Distinct Lookup Keys',
        lookups: 'Estimated Lookups',
        'hit percent': 'Estimated Hit Percent'
      }
      for (const [k, v] of Object.entries(pairs(value))) attributes[names[k] ?? `Estimated ${k}`] = typedValue(v.replace(/%$/, ''))
      return
    }
    case 'Full-sort Groups':
    case 'Pre-sorted Groups':
      attributes[key] = sortGroups(value)
      return
    case 'Storage':
      // Materialize, CTE Scan, WindowAgg (17+): "Memory  Maximum Storage: 17kB".
      for (const [k, v] of segments(key, value)) attributes[k] = k === 'Storage' ? v : typedValue(v)
      return
  }
  if (listKeys.has(key)) {
    const items = splitList(value)
    const previous = attributes[key]
    // Grouping sets print "Group Key:" once per set.
    attributes[key] = Array.isArray(previous) && key === 'Group Key' ? [...previous, ...items] : items
    return
  }
  attributes[key] = textKeys.has(key) ? value.trim() : typedValue(value)
}
