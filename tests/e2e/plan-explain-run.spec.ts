/**
 * Explain Analyze runs the statement for real: while it runs, the editor says
 * it is inside BEGIN … ROLLBACK, shows a timer, and can cancel it.
 */
import { expect, test } from '@playwright/test'
import { openConnectedApp, typeSql } from './support/e2e-env'

test('a slow Explain Analyze says it rolls back and is cancelled from the editor within a second', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'select pg_sleep(30)')
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const workspace = page.getByRole('region', { name: 'SQL' })
  await expect(workspace.getByRole('status').filter({ hasText: 'BEGIN … ROLLBACK' })).toBeVisible()
  await expect(workspace.getByRole('timer', { name: 'Explaining' })).toBeVisible()
  await page.waitForTimeout(300)
  const asked = Date.now()
  await workspace.getByRole('button', { name: 'Cancel explain' }).click()
  await expect(workspace.getByRole('alert')).toContainText('Cancelled by the user', { timeout: 5_000 })
  expect(Date.now() - asked).toBeLessThan(1_500)
  // The editor is usable again, with the text kept.
  await expect(workspace.getByRole('button', { name: 'Explain Analyze' })).toBeEnabled()
  await expect(page.locator('.sql-tab-body:not([hidden]) .cm-content')).toContainText('select pg_sleep(30)')
})
