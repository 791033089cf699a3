/**
 * Navigation: which capability tab shows, and which app-wide dialog is open.
 *
 * In a store on the floor rather than in the shell's component state so that
 * any part of the UI (a sidebar menu, a shortcut, an action that brings a plan
 * into view) can switch the tab or open the connection form.
 */
import { create } from 'zustand'
import { capabilityTabs, type CapabilityTabId } from './capability-tabs'

const tabKey = 'tusk.tab'

interface NavigationState {
  tab: CapabilityTabId
  /** The connection form: null when closed; editId null for a new connection. */
  connectionDialog: { editId: string | null } | null
  shortcutsOpen: boolean
  setTab: (tab: CapabilityTabId) => void
  newConnection: () => void
  editConnection: (id: string) => void
  closeConnectionDialog: () => void
  setShortcutsOpen: (open: boolean) => void
}

function savedTab(): CapabilityTabId {
  try {
    const saved = localStorage.getItem(tabKey)
    return capabilityTabs.find((t) => t.id === saved)?.id ?? 'sql'
  } catch {
    return 'sql'
  }
}

export const useNavigation = create<NavigationState>()((set, get) => ({
  tab: savedTab(),
  connectionDialog: null,
  shortcutsOpen: false,
  setTab: (tab) => {
    try {
      localStorage.setItem(tabKey, tab)
    } catch {
      // Not remembered; the next start opens on SQL.
    }
    set({ tab })
  },
  // An open form is never replaced: what was typed in it matters more than the shortcut.
  newConnection: () => {
    if (!get().connectionDialog) set({ connectionDialog: { editId: null } })
  },
  editConnection: (id) => {
    if (!get().connectionDialog) set({ connectionDialog: { editId: id } })
  },
  closeConnectionDialog: () => set({ connectionDialog: null }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open })
}))
