/**
 * The shell, end to end: Chromium → web host → services → real PostgreSQL.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, e2eAppUrl } from './support/e2e-env'

function connectionItem(page: Page, name: string) {
  return page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: name })
}

test('a request without the token is refused with 401', async ({ request }) => {
  const response = await request.get('/', { maxRedirects: 0 })
  expect(response.status()).toBe(401)
})

test('opens connected to the sandbox when nothing else is configured', async ({ page }) => {
  await page.goto(e2eAppUrl)
  // The address bar loses the token once it became a cookie.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/)
  const sandbox = connectionItem(page, 'Sandbox')
  await expect(sandbox).toHaveAttribute('data-state', 'connected', { timeout: 150_000 })
  await expect(sandbox).toContainText(/pool/i)
  await page.screenshot({ path: path.join(artifactsDir, 'shell-light.png') })
})

test('creates a connection from a URL, tests a wrong and a right password, and opens it', async ({ page }) => {
  const target = new URL(process.env.TUSK_E2E_TARGET_URL!)
  const wrong = new URL(target)
  wrong.password = 'not-the-password'

  await page.goto(e2eAppUrl)
  await page.getByRole('button', { name: 'New connection' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(/URL/i).fill(wrong.toString())
  await dialog.getByRole('button', { name: 'Import from URL' }).click()
  await expect(dialog.getByLabel(/^Port/)).toHaveValue(target.port)
  await dialog.getByLabel(/^Name/).fill('E2E target')

  await dialog.getByRole('button', { name: 'Test connection' }).click()
  await expect(dialog.getByRole('status')).toContainText(/password authentication failed/i)
  // The form keeps everything typed after a failure.
  await expect(dialog.getByLabel(/^Name/)).toHaveValue('E2E target')
  await page.screenshot({ path: path.join(artifactsDir, 'connection-wrong-password.png') })

  await dialog.getByLabel(/^Password/).fill(decodeURIComponent(target.password))
  await dialog.getByRole('button', { name: 'Test connection' }).click()
  await expect(dialog.getByRole('status')).toContainText(/PostgreSQL 18|18\.\d/)

  await dialog.getByRole('button', { name: 'Save' }).click()
  const item = connectionItem(page, 'E2E target')
  await expect(item).toBeVisible()
  await expect(item).toHaveAttribute('data-state', 'connected')
  await page.screenshot({ path: path.join(artifactsDir, 'shell-two-connections.png') })
})

test('the theme switches with Ctrl+Shift+L', async ({ page }) => {
  await page.goto(e2eAppUrl)
  await expect(connectionItem(page, 'Sandbox')).toHaveAttribute('data-state', 'connected', { timeout: 150_000 })
  const before = await page.locator('html').getAttribute('data-theme')
  await page.keyboard.press('Control+Shift+L')
  const after = before === 'dark' ? 'light' : 'dark'
  await expect(page.locator('html')).toHaveAttribute('data-theme', after)
  // Text and background must differ strongly in the new theme too.
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.body)
    return { fg: style.color, bg: style.backgroundColor }
  })
  expect(colours.fg).not.toBe(colours.bg)
  await page.screenshot({ path: path.join(artifactsDir, 'shell-dark.png') })
})
