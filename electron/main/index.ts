/**
 * Electron entry: app lifecycle, the window, and the IPC transport.
 *
 * All behaviour lives in the plain-Node core (electron/core); this host only adapts it
 * to Electron: app:// protocol, safeStorage, shell.openExternal, and quitting
 * that waits for the sandbox server to stop.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, shell } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { defaultDataDir } from '../core/app/data-dir'
import { EncryptedFileSecretStore } from '../core/services/secrets/encrypted-file-secret-store'
import { MemorySecretStore } from '../core/services/secrets/memory-secret-store'
import { safeStorageCipher } from './safe-storage-cipher'
import { registerIpcTransport } from './transport/ipc'
import { handleAppProtocol, registerAppSchemePrivileges } from './window/app-protocol'
import { createMainWindow, lockDownWebContents, preloadPath } from './window/main-window'

const mainDir = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(mainDir, '..', 'renderer')
const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(mainDir, '..', '..', 'resources')

registerAppSchemePrivileges()
lockDownWebContents()
if (!app.requestSingleInstanceLock()) app.quit()

let core: AppCore | null = null

app.whenReady().then(() => {
  const dataDir = defaultDataDir(process.env, app.getPath('userData'))
  const cipher = safeStorageCipher()
  core = createAppCore({
    dataDir,
    secrets: cipher ? new EncryptedFileSecretStore(path.join(dataDir, 'secrets.json'), cipher) : new MemorySecretStore(),
    transport: 'electron',
    version: app.getVersion(),
    resourcesDir,
    // A development build checks what it answers against the contract; a packaged one trusts it.
    validateOutput: !app.isPackaged,
    openExternal: (url) => shell.openExternal(url),
    chooseSavePath: async (suggestedName) => {
      const result = await dialog.showSaveDialog({ defaultPath: path.join(app.getPath('downloads'), suggestedName) })
      return result.canceled || !result.filePath ? null : result.filePath
    },
    log: (message) => console.error(`[tusk] ${message}`)
  })
  handleAppProtocol(rendererDir)
  registerIpcTransport(core)
  createMainWindow(preloadPath(mainDir))
}).catch((error: unknown) => {
  // Without a core there is no app: say why and leave, rather than idle without a window.
  console.error(`[tusk] could not start: ${error instanceof Error ? error.stack : String(error)}`)
  app.exit(1)
})

app.on('window-all-closed', () => app.quit())

// Quitting waits for the pools to close and the sandbox server to stop.
let quitting = false
app.on('before-quit', (event) => {
  if (!core || quitting) return
  event.preventDefault()
  quitting = true
  void core.dispose().finally(() => app.exit(0))
})
