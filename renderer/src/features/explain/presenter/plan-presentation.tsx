/**
 * The Plan tab in presenter mode: the tree on most of the screen, the node
 * being explained beside it in large type, and the walk in execution order
 * (leaves first). The step reveal shows one node more per step; the nodes
 * not reached yet are outlines, so the room sees where the walk is going.
 */
import { useMemo } from 'react'
import { executionOrder, revealedIds, startReveal, stopReveal, walkEnd, walkPosition, walkStep, type WalkStep } from '@shared/explain/analyse/plan-walk'
import { useNavigation } from '../../../app-state/navigation-store'
import { usePresenterKeys, type PresenterAction } from '../../../ui/presenter-keys'
import { criticalPath, heats, hiddenSiblings, visibleNodes } from '../plan-emphasis'
import { ms } from '../plan-format'
import { usePlan } from '../plan-store'
import { PlanTree } from '../plan-tree'
import { PresenterNodePanel } from './presenter-node-panel'
import { usePlanWalk, walkOf } from './plan-walk-store'

/**
 * Cards readable from the back of the room (20 px titles and more), up to a
 * small plan filling the screen; a taller plan is panned as the walk moves.
 */
const presenterStartZoom = [1.3, 1.7] as const

export function PlanPresentation() {
  const { plan, nodes, selectedId, colourScale, collapsed, expanded, planKey } = usePlan()
  const { select, toggleCollapsed, expandGroup } = usePlan.getState()
  const onPlanTab = useNavigation((s) => s.tab === 'plan')
  const walk = usePlanWalk((s) => walkOf(s, planKey))
  const grouped = useMemo(() => hiddenSiblings(nodes, expanded), [nodes, expanded])
  const heat = useMemo(() => heats(nodes, colourScale), [nodes, colourScale])
  const critical = useMemo(() => criticalPath(nodes), [nodes])
  // The walk follows what is on screen: a folded subtree is one stop.
  const order = useMemo(() => executionOrder(visibleNodes(nodes, collapsed, grouped)), [nodes, collapsed, grouped])
  const revealed = useMemo(() => revealedIds(order, walk), [order, walk])

  const apply = (step: WalkStep) => {
    usePlanWalk.getState().setWalk(planKey, step.walk)
    if (step.selectedId !== null) select(step.selectedId)
  }
  const act = (action: PresenterAction) => {
    if (action === 'reveal') apply(walk.revealing ? stopReveal(selectedId) : startReveal(order))
    else if (action === 'first' || action === 'last') apply(walkEnd(order, walk, action))
    else apply(walkStep(order, walk, selectedId, action === 'next' ? 1 : -1))
  }
  usePresenterKeys(onPlanTab, act)

  // While revealing, a node not reached yet cannot be picked: it is not on screen.
  const onSelect = (id: number) => (revealed && !revealed.has(id) ? undefined : select(id))
  const selected = selectedId !== null ? nodes[selectedId] : undefined
  const parent = selected?.parentId != null ? nodes[selected.parentId] : undefined
  const position = walkPosition(order, selectedId)
  if (!plan) return null
  return (
    <>
      <div className="presenter-bar" role="toolbar" aria-label="Presenter controls">
        <span className="presenter-summary">
          {plan.executionTimeMs !== null ? `Execution ${ms(plan.executionTimeMs)}` : 'Estimated plan (not executed)'} · {nodes.length} nodes
        </span>
        <span className="spacer" />
        <button onClick={() => act('previous')} title="Previous node (p, ←, Page Up)">
          ◀ Back
        </button>
        <span className="presenter-position" role="status" aria-label="Walk position">
          {walk.revealing ? `Revealed ${revealed?.size ?? 0} of ${order.length}` : position.step > 0 ? `Node ${position.step} of ${position.of}` : `${position.of} nodes`}
        </span>
        <button className="primary" onClick={() => act('next')} title="Next node in execution order (n, →, Page Down)">
          Next ▶
        </button>
        <button aria-pressed={walk.revealing} onClick={() => act('reveal')} title="Show the nodes one at a time, in the order they run (r)">
          Step reveal
        </button>
      </div>
      <div className="plan-body presenter-body">
        <PlanTree
          nodes={nodes}
          selectedId={selectedId}
          onSelect={onSelect}
          heat={heat}
          critical={critical}
          collapsed={collapsed}
          onToggle={toggleCollapsed}
          grouped={grouped}
          onExpandGroup={expandGroup}
          revealed={revealed}
          startZoom={presenterStartZoom}
          keepSelectedWhole
        />
        {selected && <PresenterNodePanel node={selected} parent={parent} step={position.step} of={position.of} />}
      </div>
    </>
  )
}
