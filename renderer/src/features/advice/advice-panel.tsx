/**
 * The Advice panel beside the plan: the plan's advice, most important first,
 * or a line saying the plan gives no reason for an index. Advice from the
 * editor's explain comes with the plan; a pasted plan asks the main process.
 */
import { useEffect } from 'react'
import { selectConnection, useConnections } from '../../app-state/connections-store'
import type { AdvicePanelProps } from '../../app-state/plan-slots'
import { AdviceItemCard } from './advice-item-card'
import { loadAdvice } from './advice-actions'
import { useAdvice } from './advice-store'

/** The shell plugs this panel into the plan view's slot, whose props it takes. */
export function AdvicePanel({ planKey, source, advice, statement, connectionId, analyzed, selectedId, onSelect, onCompare }: AdvicePanelProps) {
  const state = useAdvice()
  const connection = useConnections(selectConnection(connectionId))
  useEffect(() => {
    void loadAdvice(planKey, source, advice, connectionId)
    // The plan key changes with every plan shown; the rest comes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planKey])
  const live =
    connectionId && statement && connection?.state === 'connected' ? { connectionId, statement, analyzed, readOnly: connection.profile.readOnly } : null
  const items = state.planKey === planKey ? state.items : advice ?? []
  return (
    <aside className="advice-panel" aria-label="Advice">
      <h3>Advice</h3>
      {state.loading && state.planKey === planKey && <p className="muted">Reading the plan…</p>}
      {state.error && state.planKey === planKey && <p className="plan-warnings">{state.error}</p>}
      {!state.loading && items.length === 0 && !state.error && (
        <p className="muted">Nothing to suggest: no scan in this plan reads many rows to keep few, no sort or hash spilled, and the estimates hold.</p>
      )}
      <ol className="advice-list">
        {items.map((item) => (
          <AdviceItemCard
            key={item.id}
            item={item}
            selected={item.nodeId === selectedId}
            work={state.work[item.id]}
            live={live}
            onSelect={() => onSelect(item.nodeId)}
            onCompare={onCompare}
          />
        ))}
      </ol>
      {!live && items.some((i) => i.plainStatement) && <p className="muted">Explain from the editor on a connection to verify or apply an index.</p>}
    </aside>
  )
}
