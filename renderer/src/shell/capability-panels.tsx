/**
 * The panel of each capability tab, and the wiring between capabilities: what
 * one feature shows of another (the editor's Explain buttons, its schema
 * browser, the statement-locks panel, the advice beside a plan) is plugged in here, so features never
 * import each other.
 */
import type { ReactNode } from 'react'
import type { CapabilityTab } from '../app-state/capability-tabs'
import { ActivityView } from '../features/activity/activity-view'
import { AdvicePanel } from '../features/advice/advice-panel'
import { ComingSoonPanel } from '../features/coming-soon/coming-soon-panel'
import { EditorExplainControls, type EditorExplainControlsProps } from '../features/explain/editor-explain-controls'
import type { PlanSlots } from '../app-state/plan-slots'
import { PlanView } from '../features/explain/plan-view'
import { JoinStepButton } from '../features/joins/join-step-button'
import { JoinsView } from '../features/joins/joins-view'
import { LocksView } from '../features/locks/locks-view'
import { StatementLocksPanel } from '../features/locks/statement-locks-panel'
import { useEditorTabs } from '../features/query/editor-tabs-store'
import { SqlTabs } from '../features/query/sql-tabs'
import type { WorkspaceSlots } from '../features/query/workspace-slots'
import { SchemaTreePanel } from '../features/schema/schema-tree-panel'
import { TablePage } from '../features/schema/table-page'
import { VacuumView } from '../features/vacuum/vacuum-view'

/** The editor's toolbar buttons about the statement under the cursor: Explain (explain) and the join stepper (joins). */
function StatementControls(props: EditorExplainControlsProps) {
  return (
    <>
      <EditorExplainControls {...props} />
      <JoinStepButton connectionId={props.connectionId} disabled={props.disabled} statement={props.statement} />
    </>
  )
}

const workspaceSlots: WorkspaceSlots = {
  ExplainControls: StatementControls,
  SchemaBrowser: SchemaTreePanel,
  TablePage,
  StatementLocks: StatementLocksPanel
}

const planSlots: PlanSlots = { AdvicePanel }

/** The Plan view follows the editor tab in front: each tab shows its own last plan. */
function PlanOfActiveTab() {
  const ownerId = useEditorTabs((s) => s.activeId)
  return <PlanView slots={planSlots} ownerId={ownerId} />
}

/** The panel of each capability tab; `active` lets live views stop work nobody sees. */
export function capabilityPanel(tab: CapabilityTab, active: boolean): ReactNode {
  switch (tab.id) {
    case 'sql':
      return <SqlTabs slots={workspaceSlots} />
    case 'activity':
      return <ActivityView active={active} />
    case 'plan':
      return <PlanOfActiveTab />
    case 'locks':
      return <LocksView active={active} />
    case 'vacuum':
      return <VacuumView active={active} />
    case 'joins':
      return <JoinsView active={active} />
    default:
      return <ComingSoonPanel tab={tab} />
  }
}
