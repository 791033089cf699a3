/**
 * What the Plan tab shows from other capabilities, handed in by the shell
 * (here on the floor so the advice feature can take the same props):
 * features never import each other, so the plan view names the shape of the
 * advice panel here and the shell plugs in the advice feature's.
 */
import type { ComponentType } from 'react'
import type { AdviceItem } from '@shared/advice/advice-item'

export interface AdvicePanelProps {
  /** Changes with every plan shown, so the panel knows its advice is for another plan. */
  planKey: number
  /** The plan as text (pasted plans get their advice from the main process, which has the parser). */
  source: string
  /** Advice that came with the plan (Explain from the editor); null when the panel must ask for it. */
  advice: AdviceItem[] | null
  /** The explained statement and its connection: what verify and apply need. */
  statement: string | null
  connectionId: string | null
  analyzed: boolean
  selectedId: number | null
  /** Select and show the node an item is about. */
  onSelect: (nodeId: number) => void
  /** Show a plan after a verified index beside the current one. */
  onCompare: (planAfterJson: string) => void
}

export interface PlanSlots {
  AdvicePanel: ComponentType<AdvicePanelProps>
}
