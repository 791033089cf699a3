/**
 * A read-only sandbox connection, as a user meets it: a DELETE is refused with
 * a message that says why, COPY … TO PROGRAM never reaches the server, the
 * row is still there, and Activity's Cancel / Terminate are turned off.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

async function setReadOnly(page: Page, on: boolean) {
  const toggle = page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Sandbox' }).getByRole('button', { name: 'Read-only' })
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', String(on))
  await expect(page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Sandbox' })).toHaveAttribute('data-state', 'connected')
}

test('a read-only sandbox refuses a DELETE and a COPY TO PROGRAM with a clear message', async ({ page }) => {
  await openConnectedApp(page)
  await setReadOnly(page, true)
  try {
    await expect(page.getByTestId('panel-sql').locator('.badge-readonly')).toBeVisible()
    await typeSql(page, 'delete from loans where id = 1')
    await page.keyboard.press('ControlOrMeta+Enter')
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot execute DELETE in a read-only transaction' })
    await expect(refusal).toBeVisible()
    await expect(refusal).toContainText('marked Read-only in Tusk')
    await page.screenshot({ path: path.join(artifactsDir, 'read-only-delete.png') })

    await typeSql(page, "copy (select 1) to program 'true'")
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(page.getByRole('alert').filter({ hasText: 'This connection is read-only: COPY … PROGRAM runs a shell command on the database server.' })).toBeVisible()

    await typeSql(page, 'select count(*) as still_there from loans where id = 1')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(page.getByRole('grid', { name: 'Result rows' }).getByRole('row').nth(1)).toContainText('1')

    await page.getByRole('tab', { name: 'Activity' }).click()
    const table = page.getByRole('region', { name: 'Activity' }).getByRole('table', { name: 'Sessions' })
    await page.getByRole('region', { name: 'Activity' }).getByLabel('Hide idle and background').uncheck()
    const cancel = table.getByRole('button', { name: 'Cancel' }).first()
    await expect(cancel).toBeDisabled()
    await expect(cancel).toHaveAttribute('title', /read-only/)
    await expect(table.getByRole('button', { name: 'Terminate' }).first()).toBeDisabled()
  } finally {
    await page.getByRole('tab', { name: 'SQL' }).click()
    await setReadOnly(page, false)
  }
})

async function setTheme(page: Page, theme: 'light' | 'dark') {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.keyboard.press('Control+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('Explain Analyze names what a rollback cannot undo, asks, and says so afterwards', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'select pg_advisory_lock(4242)')
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  // The app's own dialog, with the statement it is about.
  const question = page.getByRole('alertdialog')
  await expect(question.getByLabel('Statement')).toHaveText('select pg_advisory_lock(4242)')
  const asked = (await question.textContent()) ?? ''
  await question.getByRole('button', { name: 'Run it anyway' }).click()
  const note = page.getByRole('note').filter({ hasText: 'Rolled back, but a rollback cannot undo this: pg_advisory_lock' })
  await expect(note).toBeVisible()
  expect(asked).toContain('pg_advisory_lock takes a session advisory lock')
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme)
    await page.screenshot({ path: path.join(artifactsDir, `rollback-note-${theme}.png`) })
  }
  await setTheme(page, 'light')
})

test('the connection dialog says what read-only is', async ({ page }) => {
  await openConnectedApp(page)
  await page.getByRole('button', { name: 'New connection' }).click()
  await expect(page.getByTestId('read-only-meaning')).toContainText('not a security boundary')
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme)
    await page.screenshot({ path: path.join(artifactsDir, `connection-dialog-read-only-${theme}.png`) })
  }
  await setTheme(page, 'light')
})
