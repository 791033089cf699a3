/**
 * The desktop app itself, driven through Playwright's Electron support.
 *
 * Runs where an Electron binary is installed; elsewhere (offline machines where
 * the binary cannot be downloaded) it skips and says why.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { artifactsDir } from './support/e2e-env'

function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown
    return typeof binary === 'string' && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const skipReason = 'No Electron binary is installed here (its installer downloads it from the internet, which this machine cannot reach); run `npm run electron:install` where it can.'

test.describe('desktop app', () => {
  test.skip(binary === null, skipReason)
  if (binary === null) console.log(`[electron-app.spec] skipped: ${skipReason}`)

  test('opens a locked-down window on the app:// renderer', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.join(process.cwd(), 'out', 'main', 'index.js'), '--no-sandbox'],
      env: { ...process.env, TUSK_DATA_DIR: path.join(artifactsDir, 'electron-data') }
    })
    try {
      const window = await app.firstWindow()
      expect(window.url()).toMatch(/^app:\/\/tusk\//)
      // The page sees the contract bridge and nothing of Node or Electron.
      const surface = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as { tusk?: object }).tusk ?? {}).sort()
      }))
      expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: ['request', 'subscribe'] })
      await expect(window.getByRole('list', { name: 'Connections' })).toBeVisible()
      await window.screenshot({ path: path.join(artifactsDir, 'electron-shell.png') })
    } finally {
      await app.close()
    }
  })
})
