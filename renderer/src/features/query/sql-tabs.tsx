/**
 * Several editors side by side as tabs. Every tab stays mounted (its run and
 * results live on while another is shown); closing one cancels what it runs.
 */
import { useEffect } from 'react'
import { useEditorTabs } from './editor-tabs-store'
import { followQueryRuns } from './query-actions'
import { SqlWorkspace } from './sql-workspace'
import { confirmLeavingTransaction, followTransactions } from './transaction-actions'
import type { WorkspaceSlots } from './workspace-slots'

export function SqlTabs({ slots }: { slots: WorkspaceSlots }) {
  const tabs = useEditorTabs((s) => s.tabs)
  const activeId = useEditorTabs((s) => s.activeId)
  const { open, close, activate } = useEditorTabs.getState()
  // One subscription to run progress for all tabs.
  useEffect(followQueryRuns, [])
  useEffect(followTransactions, [])
  return (
    <div className="sql-tabs">
      <div className="editor-tabs" role="tablist" aria-label="Editor tabs">
        {tabs.map((tab) => (
          <span key={tab.id} className="editor-tab" aria-selected={tab.id === activeId}>
            <button role="tab" aria-selected={tab.id === activeId} onClick={() => activate(tab.id)}>
              {tab.title}
            </button>
            <button className="icon-button" aria-label={`Close ${tab.title}`} onClick={() => void confirmLeavingTransaction(tab.id).then((yes) => yes && close(tab.id))}>
              ×
            </button>
          </span>
        ))}
        <button className="icon-button" aria-label="New editor tab" title="New editor tab" onClick={() => open()}>
          +
        </button>
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} className="sql-tab-body" hidden={tab.id !== activeId}>
          <SqlWorkspace tabId={tab.id} slots={slots} />
        </div>
      ))}
    </div>
  )
}
