/**
 * The shell: sidebar of connections, the current connection, capability tabs
 * with their panels, a status bar, and the layers above them (dialogs, notices).
 *
 * Every panel stays mounted while another tab is shown, and each sits in its
 * own error boundary, so neither a tab switch nor a crashing panel can lose
 * what the user typed anywhere else.
 */
import { useEffect, useMemo } from 'react'
import iconUrl from '../../../resources/build/icon.svg'
import { ConnectionDialog } from '../features/connections/connection-dialog'
import { ConnectionList } from '../features/connections/connection-list'
import { useConnections } from '../app-state/connections-store'
import { CurrentConnection } from '../features/connections/current-connection'
import { PasswordPrompt } from '../features/connections/password-prompt'
import { SandboxProgress } from '../features/sandbox/sandbox-progress'
import { followSandbox } from '../features/sandbox/sandbox-actions'
import { SandboxMenu } from '../features/sandbox/sandbox-menu'
import { useAppInfo } from '../app-state/app-info-store'
import { useAppearance } from '../app-state/appearance-store'
import { capabilityTabs, type CapabilityTabId } from '../app-state/capability-tabs'
import { useKeyboardShortcuts, withShortcut, type Shortcut } from '../ui/keyboard-shortcuts'
import { ConfirmationHost } from './confirmation-host'
import { NoticeArea } from './notice-area'
import { capabilityPanel } from './capability-panels'
import { PanelErrorBoundary } from './panel-error-boundary'
import { useNavigation } from '../app-state/navigation-store'
import { ShortcutsHelp } from './shortcuts-help'
import { StatusBar } from './status-bar'
import { panelId, TabBar, tabId } from '../ui/tab-bar'
import { usePresenter } from '../app-state/presenter-store'
import { PresenterToggle, useLeavePresenterOnEscape } from './presenter-toggle'

/** Ctrl/Cmd+digit is the desktop habit; browsers keep some of those, so Alt+Shift+digit works everywhere. */
const tabKeys = (index: number) => [`Mod+${index + 1}`, `Alt+Shift+${index + 1}`] as const
const newConnectionKeys = ['Mod+N', 'Alt+Shift+N'] as const
const themeKeys = ['Mod+Shift+L'] as const
const helpKeys = ['Mod+/'] as const
const presenterKeys = ['F8', 'Mod+Shift+P'] as const

export function AppShell() {
  const tab = useNavigation((s) => s.tab)
  const connectionDialog = useNavigation((s) => s.connectionDialog)
  const shortcutsOpen = useNavigation((s) => s.shortcutsOpen)
  const theme = useAppearance((s) => s.theme)
  const presenting = usePresenter((s) => s.presenting)
  useLeavePresenterOnEscape()
  const shell = useNavigation.getState()

  useEffect(() => {
    const stops = [useAppInfo.getState().follow(), useConnections.getState().follow(), followSandbox()]
    return () => stops.forEach((stop) => stop())
  }, [])

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      ...capabilityTabs.map((t, i) => ({ keys: tabKeys(i), description: `Show the ${t.label} tab`, run: () => useNavigation.getState().setTab(t.id) })),
      { keys: newConnectionKeys, description: 'New connection', run: () => useNavigation.getState().newConnection() },
      { keys: themeKeys, description: 'Switch between light and dark theme', run: () => useAppearance.getState().toggleTheme(), inModal: true },
      { keys: helpKeys, description: 'Show the keyboard shortcuts', run: () => useNavigation.getState().setShortcutsOpen(true) },
      { keys: presenterKeys, description: 'Presenter mode on or off (hides the chrome, large type, high contrast)', run: () => usePresenter.getState().togglePresenting() }
    ],
    []
  )
  useKeyboardShortcuts(shortcuts)

  const keysOf = (id: CapabilityTabId) => tabKeys(capabilityTabs.findIndex((t) => t.id === id))

  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <aside className="sidebar" aria-label="Sidebar">
        <header className="brand">
          <img src={iconUrl} alt="" width={32} height={32} />
          <span className="brand-name">Tusk</span>
          <span className="brand-tagline">PostgreSQL explorer</span>
        </header>
        <div className="sidebar-heading">
          <h2>Connections</h2>
          <button type="button" className="primary" onClick={shell.newConnection} title={withShortcut('New connection', newConnectionKeys)}>
            <span aria-hidden="true">+ </span>New connection
          </button>
        </div>
        <PanelErrorBoundary name="connections">
          <ConnectionList onAdd={shell.newConnection} />
        </PanelErrorBoundary>
      </aside>

      <main className="main">
        <header className="main-header">
          <CurrentConnection />
          <SandboxMenu />
          <button
            type="button"
            className="theme-toggle"
            onClick={() => useAppearance.getState().toggleTheme()}
            title={withShortcut(`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`, themeKeys)}
            aria-label={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span> {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
        </header>
        <nav className="tab-bar" aria-label="Capabilities">
          <TabBar tabs={capabilityTabs} label="Capabilities" active={tab} onSelect={shell.setTab} keysOf={keysOf} />
          <PresenterToggle keys={presenterKeys} />
        </nav>
        <SandboxProgress />
        {capabilityTabs.map((t) => (
          <section key={t.id} className="panel" role="tabpanel" id={panelId(t.id)} aria-labelledby={tabId(t.id)} hidden={t.id !== tab} data-testid={`panel-${t.id}`}>
            <PanelErrorBoundary name={t.label}>{capabilityPanel(t, t.id === tab)}</PanelErrorBoundary>
          </section>
        ))}
      </main>

      <StatusBar shortcutKeys={helpKeys} />

      {connectionDialog && <ConnectionDialog key={connectionDialog.editId ?? 'new'} editId={connectionDialog.editId} onClose={shell.closeConnectionDialog} />}
      <PasswordPrompt />
      {shortcutsOpen && <ShortcutsHelp shortcuts={shortcuts} onClose={() => shell.setShortcutsOpen(false)} />}
      <ConfirmationHost />
      <NoticeArea />
    </div>
  )
}
