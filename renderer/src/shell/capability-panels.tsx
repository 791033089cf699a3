import type { ReactNode } from 'react'
import { ActivityView } from '../features/activity/activity-view'
import { ComingSoonPanel } from '../features/coming-soon/coming-soon-panel'
import { LocksView } from '../features/locks/locks-view'
import { PlanView } from '../features/explain/plan-view'
import { SqlTabs } from '../features/query/sql-tabs'
import type { CapabilityTab } from '../app-state/capability-tabs'

/** The panel of each capability tab; `active` lets live views stop work nobody sees. */
export function capabilityPanel(tab: CapabilityTab, active: boolean): ReactNode {
  switch (tab.id) {
    case 'sql':
      return <SqlTabs />
    case 'activity':
      return <ActivityView active={active} />
    case 'plan':
      return <PlanView />
    case 'locks':
      return <LocksView active={active} />
    default:
      return <ComingSoonPanel tab={tab} />
  }
}
