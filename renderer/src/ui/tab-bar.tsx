import { useRef, type KeyboardEvent } from 'react'
import { withShortcut } from './keyboard-shortcuts'

export const tabId = (id: string) => `tab-${id}`
export const panelId = (id: string) => `panel-${id}`

/** What a tab of the bar needs: `coming` marks one whose capability a later release brings. */
export interface TabBarTab<Id extends string> {
  id: Id
  label: string
  coming?: readonly string[]
}

/**
 * A bar of tabs, following the WAI-ARIA tabs pattern: one tab in the
 * Tab order, arrow keys move between tabs and select them.
 */
export function TabBar<Id extends string>({
  tabs,
  label,
  active,
  onSelect,
  keysOf
}: {
  tabs: readonly TabBarTab<Id>[]
  label: string
  active: Id
  onSelect: (id: Id) => void
  keysOf: (id: Id) => readonly string[]
}) {
  const list = useRef<HTMLDivElement>(null)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === active)
    const to = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : null
    if (to === null) return
    event.preventDefault()
    const next = tabs[(to + tabs.length) % tabs.length]!
    onSelect(next.id)
    list.current?.querySelector<HTMLElement>(`#${tabId(next.id)}`)?.focus()
  }
  return (
    <div className="tab-list" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
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
          className={t.coming ? 'tab-coming' : undefined}
        >
          {t.label}
        </button>
      ))}
    </div>
  )
}
