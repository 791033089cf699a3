/**
 * Facts shared by the Playwright config and the specs: where the web host
 * listens, its token, its data dir, and which Chromium to drive.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'

const digest = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)

/** Shares the integration run's sandbox (same machine folder), so it is seeded once. */
export const e2eDataDir = process.env.TUSK_E2E_DATA_DIR ?? path.join(os.tmpdir(), `tusk-test-${digest}`)
export const e2ePort = Number(process.env.TUSK_E2E_PORT ?? 4791)
// Random per run; set in the config process and inherited by the workers it spawns.
export const e2eToken = (process.env.TUSK_E2E_TOKEN ??= `e2e-${randomBytes(12).toString('hex')}`)
export const e2eOrigin = `http://127.0.0.1:${e2ePort}`
export const e2eAppUrl = `${e2eOrigin}/?token=${e2eToken}`
export const artifactsDir = path.join(process.cwd(), 'tests', 'artifacts')

/** Playwright's own Chromium when installed, else Debian's. */
export function chromiumExecutable(): string | undefined {
  try {
    const own = chromium.executablePath()
    if (own && existsSync(own)) return undefined
  } catch {
    // No browser of Playwright's own on this machine.
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/** Open the app and wait until it is connected to the sandbox (it seeds on a fresh machine). */
export async function openConnectedApp(page: import('@playwright/test').Page): Promise<void> {
  const { expect } = await import('@playwright/test')
  await page.goto(e2eAppUrl)
  await expect(page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Sandbox' })).toHaveAttribute('data-state', 'connected', {
    timeout: 150_000
  })
}

/** Replace the text of the visible SQL editor. */
export async function typeSql(page: import('@playwright/test').Page, sql: string): Promise<void> {
  await page.locator('.sql-tab-body:not([hidden]) .cm-content').click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(sql)
}
