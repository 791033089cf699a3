/**
 * A node's attributes in the groups a reader looks for them in: what the node
 * is, its rows and time, its conditions, keys, memory and disk, buffers and
 * I/O, parallel workers. Keys are the JSON format's, which both parsers use;
 * a key no rule knows (a newer server's) lands in "Other", never lost.
 */
export const attributeGroups = ['Node', 'Rows and time', 'Conditions', 'Keys and output', 'Memory and disk', 'Buffers and I/O', 'Parallel', 'Other'] as const
export type AttributeGroup = (typeof attributeGroups)[number]

const exactly = (...keys: string[]) => {
  const set = new Set(keys)
  return (key: string) => set.has(key)
}
const matching = (pattern: RegExp) => (key: string) => pattern.test(key)

/** First match wins: order matters ("Sort Key" is a key, "Sort Method" is memory). */
const rules: Array<[AttributeGroup, (key: string) => boolean]> = [
  ['Parallel', matching(/^(Workers|Worker Number|Parallel Aware|Single Copy|Async Capable)/)],
  ['Buffers and I/O', matching(/Blocks$|^I\/O |^WAL /)],
  ['Rows and time', matching(/^(Actual |Plan Rows|Plan Width|Startup Cost|Total Cost|Index Searches|Disabled)/)],
  ['Conditions', matching(/Cond$|Filter$|^Rows Removed|^Subplans Removed|^Cache Key$|^Inner Unique$/)],
  ['Keys and output', matching(/Key$|^Output$|^Window$|^Function Call$|^Table Function Call$|^Group Count$/)],
  ['Memory and disk', matching(/^(Sort |Hash |Original Hash|HashAgg|Peak |Average Sort|Disk Usage|Heap Fetches|Lossy|Exact Heap|Full-sort|Pre-sorted|Cache |Storage|Maximum Storage|Planned Partitions)/)],
  [
    'Node',
    exactly('Node Type', 'Parent Relationship', 'Subplan Name', 'CTE Name', 'Join Type', 'Strategy', 'Partial Mode', 'Relation Name', 'Schema', 'Alias', 'Index Name', 'Scan Direction', 'Function Name', 'Command', 'Operation', 'Relation', 'Conflict Resolution', 'Conflict Arbiter Indexes', 'Tuplestore Name')
  ]
]

export function attributeGroupOf(key: string): AttributeGroup {
  for (const [group, matches] of rules) if (matches(key)) return group
  return 'Other'
}

/**
 * Figures whose zero says something: no rows came, the node never ran, no
 * worker started. Every other numeric zero (a buffer counter, rows removed,
 * heap fetches, I/O time) is noise in a list of 25 of them.
 */
const meaningfulZeros = new Set(['Actual Rows', 'Actual Loops', 'Plan Rows', 'Workers Planned', 'Workers Launched', 'Startup Cost', 'Total Cost', 'Actual Startup Time', 'Actual Total Time'])

/** A counter at zero: left out of the details, named under "at zero". */
export function isZeroCounter(key: string, value: unknown): boolean {
  return (value === 0 || value === '0') && !meaningfulZeros.has(key)
}

export interface AttributeGroups {
  groups: Array<{ group: AttributeGroup; entries: Array<[string, unknown]> }>
  /** Keys of the counters at zero, in plan order. */
  zeroCounters: string[]
}

/** The attributes worth showing (printed, not empty, not a counter at zero), grouped, groups in reading order. */
export function groupAttributes(attributes: Record<string, unknown>): AttributeGroups {
  const byGroup = new Map<AttributeGroup, Array<[string, unknown]>>()
  const zeroCounters: string[] = []
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue
    if (isZeroCounter(key, value)) {
      zeroCounters.push(key)
      continue
    }
    const group = attributeGroupOf(key)
    const entries = byGroup.get(group) ?? []
    entries.push([key, value])
    byGroup.set(group, entries)
  }
  return { groups: attributeGroups.filter((g) => byGroup.has(g)).map((group) => ({ group, entries: byGroup.get(group)! })), zeroCounters }
}
