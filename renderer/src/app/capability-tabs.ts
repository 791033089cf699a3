/** The capability tabs, in order; Ctrl/Cmd+1…6 selects them. */
export const capabilityTabs = [
  { id: 'sql', label: 'SQL', blurb: 'Write SQL and see its results.' },
  { id: 'plan', label: 'Plan', blurb: 'EXPLAIN ANALYZE as a tree you can read at a glance: time, rows, misestimates, and what to do about them.' },
  { id: 'activity', label: 'Activity', blurb: 'pg_stat_activity, live: who is connected, what runs, what waits.' },
  { id: 'locks', label: 'Locks', blurb: 'Who blocks whom, drawn as a graph, with the lock queue of every table.' },
  { id: 'vacuum', label: 'Vacuum', blurb: 'Autovacuum progress, dead tuples and transaction-id wraparound risk.' },
  { id: 'joins', label: 'Joins', blurb: 'Step through how a JOIN builds its cartesian product and filters it.' }
] as const

export type CapabilityTabId = (typeof capabilityTabs)[number]['id']
