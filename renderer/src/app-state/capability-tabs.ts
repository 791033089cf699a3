/**
 * The capability tabs, in order: Ctrl/Cmd+1…6 selects them. `coming` lists
 * what a tab will do, shown on its placeholder until the release that brings it.
 */
export interface CapabilityTab {
  id: string
  label: string
  blurb: string
  coming?: readonly string[]
}

export const capabilityTabs = [
  { id: 'sql', label: 'SQL', blurb: 'Write SQL and see its results.' },
  {
    id: 'plan',
    label: 'Plan',
    blurb: 'EXPLAIN ANALYZE as a tree you can read at a glance.'
  },
  {
    id: 'activity',
    label: 'Activity',
    blurb: 'pg_stat_activity, live: who is connected, what runs, what waits.'
  },
  {
    id: 'locks',
    label: 'Locks',
    blurb: 'Who blocks whom, drawn as a graph.'
  },
  {
    id: 'vacuum',
    label: 'Vacuum',
    blurb: 'When autovacuum will next run on each table, what it is doing now, wraparound and what holds back cleanup.'
  },
  {
    id: 'joins',
    label: 'Joins',
    blurb: 'Step through how a JOIN builds its rows.'
  }
] as const satisfies readonly CapabilityTab[]

export type CapabilityTabId = (typeof capabilityTabs)[number]['id']
