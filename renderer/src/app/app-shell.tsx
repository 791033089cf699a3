import { useEffect, useMemo, useState } from 'react'
import iconUrl from '../../../resources/build/icon.svg'
import { ComingSoonPanel } from '../features/coming-soon/coming-soon-panel'
import { ConnectionDialog } from '../features/connections/connection-dialog'
import { ConnectionList } from '../features/connections/connection-list'
import { useConnections } from '../features/connections/connections-store'
import { SqlWorkspace } from '../features/query/sql-workspace'
import { SandboxProgress } from '../features/sandbox/sandbox-progress'
import { useSandbox } from '../features/sandbox/sandbox-store'
import { useAppInfo } from './app-info-store'
import { capabilityTabs, type CapabilityTabId } from './capability-tabs'
import { shortcutLabel, useKeyboardShortcuts, type Shortcut } from './keyboard-shortcuts'
import { NoticeArea } from './notice-area'
import { useTheme } from './theme'

/** Sidebar of connections, capability tabs, the active panel, a status bar. */
export function AppShell() {
  const [tab, setTab] = useState<CapabilityTabId>('sql')
  const [dialog, setDialog] = useState<{ editId: string | null } | null>(null)
  const theme = useTheme((s) => s.theme)
  const toggleTheme = useTheme((s) => s.toggle)
  const link = useAppInfo((s) => s.link)
  const info = useAppInfo((s) => s.info)

  useEffect(() => {
    const stops = [useConnections.getState().start(), useSandbox.getState().start(), useAppInfo.getState().start()]
    return () => stops.forEach((stop) => stop())
  }, [])

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      ...capabilityTabs.map((t, i) => ({ keys: `Mod+${i + 1}`, run: () => setTab(t.id) })),
      { keys: 'Mod+Shift+L', run: toggleTheme },
      { keys: 'Mod+Shift+N', run: () => setDialog({ editId: null }) }
    ],
    [toggleTheme]
  )
  useKeyboardShortcuts(shortcuts)
  const active = capabilityTabs.find((t) => t.id === tab)!

  return (
    <div className="app">
      <aside className="sidebar">
        <header className="brand">
          <img src={iconUrl} alt="" width={28} height={28} />
          <span>Tusk</span>
        </header>
        <div className="sidebar-heading">
          <h2>Connections</h2>
          <button onClick={() => setDialog({ editId: null })} title={shortcutLabel('Mod+Shift+N')}>
            New connection
          </button>
        </div>
        <ConnectionList onEdit={(id) => setDialog({ editId: id })} />
      </aside>

      <main className="main">
        <nav className="tab-bar" role="tablist" aria-label="Capabilities">
          {capabilityTabs.map((t, i) => (
            <button key={t.id} role="tab" aria-selected={t.id === tab} onClick={() => setTab(t.id)} title={shortcutLabel(`Mod+${i + 1}`)}>
              {t.label}
            </button>
          ))}
          <span className="spacer" />
          <button className="theme-toggle" onClick={toggleTheme} title={shortcutLabel('Mod+Shift+L')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
        </nav>
        <SandboxProgress />
        <div className="panel" role="tabpanel" aria-label={active.label}>
          {/* Panels stay mounted so what was typed survives a tab switch. */}
          <div hidden={tab !== 'sql'}>
            <SqlWorkspace />
          </div>
          {tab !== 'sql' && <ComingSoonPanel title={active.label} blurb={active.blurb} />}
        </div>
        <footer className="status-bar">
          <span className={`link link-${link}`}>{link === 'up' ? 'Linked' : 'Link lost: reconnecting…'}</span>
          {info && <span>{info.transport === 'web' ? 'Web host' : 'Desktop'} · Tusk {info.version}</span>}
          {info && !info.secretsProtected && <span className="muted">Passwords: {info.secretBackend === 'memory-only' ? 'memory only' : 'not protected (no keyring)'}</span>}
        </footer>
      </main>

      {dialog && <ConnectionDialog editId={dialog.editId} onClose={() => setDialog(null)} />}
      <NoticeArea />
    </div>
  )
}
