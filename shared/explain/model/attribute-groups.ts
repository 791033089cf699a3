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

/** The attributes worth showing (printed, not empty), grouped, groups in reading order. */
export function groupAttributes(attributes: Record<string, unknown>): Array<{ group: AttributeGroup; entries: Array<[string, unknown]> }> {
  const byGroup = new Map<AttributeGroup, Array<[string, unknown]>>()
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue
    const group = attributeGroupOf(key)
    const entries = byGroup.get(group) ?? []
    entries.push([key, value])
    byGroup.set(group, entries)
  }
  return attributeGroups.filter((g) => byGroup.has(g)).map((group) => ({ group, entries: byGroup.get(group)! }))
}
