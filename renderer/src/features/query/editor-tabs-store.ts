/**
 * The SQL editor's tabs: their text survives tab switches, failed runs and
 * restarts (kept in localStorage; only text, never results).
 */
import { create } from 'zustand'

export interface EditorTab {
  id: string
  title: string
  sql: string
}

interface EditorTabsState {
  tabs: EditorTab[]
  activeId: string
  open: (sql?: string) => void
  close: (id: string) => void
  activate: (id: string) => void
  setSql: (id: string, sql: string) => void
}

const storageKey = 'tusk.editorTabs'
const firstQuery = 'select city, country_code, count(*)\nfrom members\ngroup by 1, 2\norder by 3 desc\nlimit 10;'

function load(): Pick<EditorTabsState, 'tabs' | 'activeId'> {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Pick<EditorTabsState, 'tabs' | 'activeId'> | null
    if (saved && Array.isArray(saved.tabs) && saved.tabs.length > 0 && saved.tabs.every((t) => typeof t.id === 'string' && typeof t.sql === 'string')) {
      return { tabs: saved.tabs, activeId: saved.tabs.some((t) => t.id === saved.activeId) ? saved.activeId : saved.tabs[0]!.id }
    }
  } catch {
    // A damaged entry starts over with one tab.
  }
  return { tabs: [{ id: 'tab-1', title: 'Query 1', sql: firstQuery }], activeId: 'tab-1' }
}

let saveTimer: ReturnType<typeof setTimeout> | null = null

export const useEditorTabs = create<EditorTabsState>()((set, get) => {
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      const { tabs, activeId } = get()
      localStorage.setItem(storageKey, JSON.stringify({ tabs, activeId }))
    }, 300)
  }
  const update = (patch: Partial<EditorTabsState>) => {
    set(patch)
    save()
  }
  return {
    ...load(),
    open: (sql = '') => {
      const numbers = get().tabs.map((t) => Number(t.title.match(/^Query (\d+)$/)?.[1] ?? 0))
      const n = Math.max(0, ...numbers) + 1
      const tab = { id: `tab-${Date.now().toString(36)}-${n}`, title: `Query ${n}`, sql }
      update({ tabs: [...get().tabs, tab], activeId: tab.id })
    },
    close: (id) => {
      const tabs = get().tabs.filter((t) => t.id !== id)
      if (tabs.length === 0) tabs.push({ id: `tab-${Date.now().toString(36)}`, title: 'Query 1', sql: '' })
      const activeId = get().activeId === id ? tabs[Math.max(0, get().tabs.findIndex((t) => t.id === id) - 1)]!.id : get().activeId
      update({ tabs, activeId })
    },
    activate: (id) => update({ activeId: id }),
    setSql: (id, sql) => update({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, sql } : t)) })
  }
})
