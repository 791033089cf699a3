/**
 * The text format's node label ("Parallel Index Scan Backward using i on s.t x")
 * translated into the attributes the JSON format prints for the same node.
 *
 * The text format folds several JSON properties into the node's name for
 * historical reasons: the join type ("Hash Left Join"), the aggregate strategy
 * and partial mode ("Finalize GroupAggregate"), parallel awareness ("Parallel
 * Seq Scan"), the modify operation ("Update on t"). These are undone here.
 */

type Json = Record<string, unknown>

type TargetKind = 'relation' | 'alias' | 'function' | 'cte' | 'tuplestore' | 'tablefunc' | 'index' | 'indexscan' | 'none'

/** Text labels that are also the JSON "Node Type", with what follows " on ". */
const fixedNames: ReadonlyArray<readonly [string, TargetKind, string]> = (
  [
    ['Seq Scan', 'relation'],
    ['Sample Scan', 'relation'],
    ['Index Scan', 'indexscan'],
    ['Index Only Scan', 'indexscan'],
    ['Bitmap Index Scan', 'index'],
    ['Bitmap Heap Scan', 'relation'],
    ['Tid Scan', 'relation'],
    ['Tid Range Scan', 'relation'],
    ['Subquery Scan', 'alias'],
    ['Function Scan', 'function'],
    ['Table Function Scan', 'tablefunc'],
    ['Values Scan', 'alias'],
    ['CTE Scan', 'cte'],
    ['Named Tuplestore Scan', 'tuplestore'],
    ['WorkTable Scan', 'cte'],
    ['Foreign Scan', 'relation'],
    ['Custom Scan', 'relation'],
    ['Result', 'none'],
    ['ProjectSet', 'none'],
    ['Append', 'none'],
    ['Merge Append', 'none'],
    ['Recursive Union', 'none'],
    ['BitmapAnd', 'none'],
    ['BitmapOr', 'none'],
    ['Gather', 'none'],
    ['Gather Merge', 'none'],
    ['Materialize', 'none'],
    ['Memoize', 'none'],
    ['Sort', 'none'],
    ['Incremental Sort', 'none'],
    ['Group', 'none'],
    ['WindowAgg', 'none'],
    ['Unique', 'none'],
    ['LockRows', 'none'],
    ['Limit', 'none'],
    ['Hash', 'none']
  ] as Array<[string, TargetKind]>
)
  .sort((a, b) => b[0].length - a[0].length)
  .map(([name, kind]) => [name, kind, `${name} `] as const)

const aggregateStrategies: Record<string, string> = {
  Aggregate: 'Plain',
  GroupAggregate: 'Sorted',
  HashAggregate: 'Hashed',
  MixedAggregate: 'Mixed'
}

const joinPattern = /^(Nested Loop|Merge|Hash)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))? Join$/
const aggregatePattern = /^(?:(Partial|Finalize) )?(Aggregate|GroupAggregate|HashAggregate|MixedAggregate)$/
const setOpPattern = /^(SetOp|HashSetOp) (Intersect All|Intersect|Except All|Except)$/
const modifyPattern = /^(Insert|Update|Delete|Merge) on (.+)$/

export interface ParsedLabel {
  attributes: Json
  /** False when the label is no node type PostgreSQL 12–18 prints. */
  known: boolean
}

export function parseNodeLabel(label: string): ParsedLabel {
  let rest = label.trim()
  // Dictionary-mode from the start: thousands of nodes with their own key orders would
  // otherwise make every attribute read a megamorphic miss.
  const attributes: Json = Object.create(null)
  attributes['Node Type'] = rest
  let parallel = false
  if (rest.startsWith('Parallel ')) {
    parallel = true
    rest = rest.slice('Parallel '.length)
  }
  if (rest.startsWith('Async ')) {
    attributes['Async Capable'] = true
    rest = rest.slice('Async '.length)
  }
  attributes['Parallel Aware'] = parallel

  const join = rest === 'Nested Loop' ? ['Nested Loop', 'Nested Loop'] : joinPattern.exec(rest)
  if (join) {
    attributes['Node Type'] = join[1] === 'Nested Loop' ? 'Nested Loop' : `${join[1]} Join`
    attributes['Join Type'] = join[2] ?? 'Inner'
    return { attributes, known: true }
  }
  const aggregate = aggregatePattern.exec(rest)
  if (aggregate) {
    attributes['Node Type'] = 'Aggregate'
    attributes['Strategy'] = aggregateStrategies[aggregate[2]!]
    attributes['Partial Mode'] = aggregate[1] ?? 'Simple'
    return { attributes, known: true }
  }
  const setOp = setOpPattern.exec(rest)
  if (setOp) {
    attributes['Node Type'] = 'SetOp'
    attributes['Command'] = setOp[2]
    attributes['Strategy'] = setOp[1] === 'HashSetOp' ? 'Hashed' : 'Sorted'
    return { attributes, known: true }
  }
  const modify = modifyPattern.exec(rest)
  if (modify) {
    attributes['Node Type'] = 'ModifyTable'
    attributes['Operation'] = modify[1]
    applyTarget(attributes, 'relation', modify[2]!)
    return { attributes, known: true }
  }
  for (const [name, kind, prefix] of fixedNames) {
    if (rest !== name && !rest.startsWith(prefix)) continue
    attributes['Node Type'] = name
    let suffix = rest.slice(name.length).trim()
    if (name === 'Custom Scan' && suffix.startsWith('(')) {
      const close = suffix.indexOf(')')
      attributes['Custom Plan Provider'] = suffix.slice(1, close === -1 ? undefined : close)
      suffix = close === -1 ? '' : suffix.slice(close + 1).trim()
    }
    if (kind === 'indexscan') {
      attributes['Scan Direction'] = 'Forward'
      if (suffix.startsWith('Backward')) {
        attributes['Scan Direction'] = 'Backward'
        suffix = suffix.slice('Backward'.length).trim()
      }
      if (suffix.startsWith('using ')) {
        const [index, after] = readIdentifier(suffix, 'using '.length)
        attributes['Index Name'] = index
        suffix = suffix.slice(after).trim()
      }
      if (suffix.startsWith('on ')) applyTarget(attributes, 'relation', suffix.slice(3))
      return { attributes, known: true }
    }
    if (suffix.startsWith('on ')) applyTarget(attributes, kind, suffix.slice(3))
    else if (suffix !== '') continue
    return { attributes, known: true }
  }
  // Unknown (an extension's node, a future version): keep the name before any target.
  const on = rest.search(/ (on|using) /)
  attributes['Node Type'] = on === -1 ? rest : rest.slice(0, on)
  return { attributes, known: false }
}

function applyTarget(attributes: Json, kind: TargetKind, target: string): void {
  const names = readNames(target)
  const first = names[0] ?? []
  const alias = names[1]?.[0]
  const objectName = first[first.length - 1] ?? null
  const schema = first.length > 1 ? first[first.length - 2]! : null
  const objectKey: Record<TargetKind, string | null> = {
    relation: 'Relation Name',
    function: 'Function Name',
    cte: 'CTE Name',
    tuplestore: 'Tuplestore Name',
    tablefunc: 'Table Function Name',
    index: 'Index Name',
    indexscan: 'Relation Name',
    alias: null,
    none: null
  }
  const key = objectKey[kind]
  if (kind === 'index') {
    attributes['Index Name'] = objectName
    return
  }
  if (key === null) {
    // "Subquery Scan on x", "Values Scan on "*VALUES*"": only an alias.
    if (objectName !== null) attributes['Alias'] = objectName
    return
  }
  if (objectName !== null) attributes[key] = objectName
  if (schema !== null) attributes['Schema'] = schema
  attributes['Alias'] = alias ?? objectName
}

/** `public.orders o` → [['public', 'orders'], ['o']]; quoted identifiers unquoted. */
function readNames(text: string): string[][] {
  const names: string[][] = []
  let pos = 0
  let current: string[] = []
  while (pos < text.length) {
    const c = text[pos]
    if (c === ' ') {
      if (current.length) names.push(current)
      current = []
      pos++
      continue
    }
    if (c === '.' && current.length) {
      pos++
      continue
    }
    const [name, after] = readIdentifier(text, pos)
    current.push(name)
    pos = after
  }
  if (current.length) names.push(current)
  return names
}

/** One identifier at `pos` (quoted or not); returns it and the position after it. */
function readIdentifier(text: string, pos: number): [string, number] {
  if (text[pos] === '"') {
    const parts: string[] = []
    let at = pos + 1
    for (;;) {
      const quote = text.indexOf('"', at)
      if (quote === -1) return [parts.join('') + text.slice(at), text.length]
      parts.push(text.slice(at, quote))
      if (text[quote + 1] === '"') {
        parts.push('"')
        at = quote + 2
        continue
      }
      return [parts.join(''), quote + 1]
    }
  }
  let end = pos
  while (end < text.length && text[end] !== ' ' && text[end] !== '.') end++
  return [text.slice(pos, end), end]
}
