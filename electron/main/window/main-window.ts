/**
 * The main window, locked down per Electron's security checklist.
 */
import path from 'node:path'
import { BrowserWindow, app, type WebContents } from 'electron'
import { appIndexUrl, isTrustedAppUrl } from './app-protocol'

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Tusk',
    show: false,
    backgroundColor: '#101418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(appIndexUrl)
  return window
}

/** No new windows, no navigation away from the app, no webviews, no permissions. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  })
}

export function preloadPath(mainDir: string): string {
  return path.join(mainDir, '..', 'preload', 'index.cjs')
}
