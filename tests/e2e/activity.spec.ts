/**
 * The Activity view on the sandbox: live figures, and a session table that
 * filters and sorts.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

test('the activity table shows live sessions, filters and sorts', async ({ page }) => {
  await openConnectedApp(page)
  // Something long-running to look at.
  await typeSql(page, "select pg_sleep(20), 'watch me'")
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.getByRole('tab', { name: 'Activity' }).click()
  const view = page.getByRole('region', { name: 'Activity' })
  await expect(view.locator('.activity-stat').filter({ hasText: 'Connections' })).toContainText(/\d+ \/ \d+/)
  const table = view.getByRole('table', { name: 'Sessions' })
  await view.getByLabel('Filter sessions').fill('watch me')
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table.locator('tbody tr')).toContainText('active')
  // The whole query on demand.
  const queryCell = table.locator('tbody tr td.activity-query')
  await queryCell.click()
  await expect(queryCell).toHaveClass(/open/)
  await page.screenshot({ path: path.join(artifactsDir, 'activity.png') })

  await view.getByLabel('Filter sessions').fill('')
  await view.getByLabel('Hide idle and background').uncheck()
  await table.getByRole('button', { name: /^PID/ }).click()
  await table.getByRole('button', { name: /^PID/ }).click()
  await expect(table.getByRole('columnheader', { name: /PID/ })).toHaveAttribute('aria-sort', 'ascending')
  const pids = (await table.locator('tbody tr:not(.worker) td:first-child').allTextContents()).map(Number)
  expect(pids.length).toBeGreaterThan(2)
  expect(pids).toEqual([...pids].sort((a, b) => a - b))
  // Cancel from the activity table, after a confirm.
  await view.getByLabel('Filter sessions').fill('watch me')
  await table.getByRole('button', { name: 'Cancel' }).click()
  // The app's own dialog, showing what the session runs.
  await expect(page.getByRole('alertdialog')).toContainText('watch me')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel query' }).click()
  await page.getByRole('tab', { name: 'SQL' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'error' }).or(page.getByRole('alert').filter({ hasText: '57014' })).first()).toBeVisible()
})
