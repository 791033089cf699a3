import { useRef, type KeyboardEvent } from 'react'
import { capabilityTabs, type CapabilityTabId } from './capability-tabs'
import { withShortcut } from './keyboard-shortcuts'

export const tabId = (id: CapabilityTabId) => `tab-${id}`
export const panelId = (id: CapabilityTabId) => `panel-${id}`

/**
 * The capability tabs, following the WAI-ARIA tabs pattern: one tab in the
 * Tab order, arrow keys move between tabs and select them.
 */
export function TabBar({ active, onSelect, keysOf }: { active: CapabilityTabId; onSelect: (id: CapabilityTabId) => void; keysOf: (id: CapabilityTabId) => readonly string[] }) {
  const list = useRef<HTMLDivElement>(null)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = capabilityTabs.findIndex((t) => t.id === active)
    const to =
      event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? capabilityTabs.length - 1 : null
    if (to === null) return
    event.preventDefault()
    const next = capabilityTabs[(to + capabilityTabs.length) % capabilityTabs.length]!
    onSelect(next.id)
    list.current?.querySelector<HTMLElement>(`#${tabId(next.id)}`)?.focus()
  }
  return (
    <div className="tab-list" role="tablist" aria-label="Capabilities" ref={list} onKeyDown={onKeyDown}>
      {capabilityTabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(t.id)}
          aria-selected={t.id === active}
          aria-controls={panelId(t.id)}
          tabIndex={t.id === active ? 0 : -1}
          onClick={() => onSelect(t.id)}
          title={withShortcut(t.label, keysOf(t.id))}
          className={'coming' in t ? 'tab-coming' : undefined}
        >
          {t.label}
        </button>
      ))}
    </div>
  )
}
