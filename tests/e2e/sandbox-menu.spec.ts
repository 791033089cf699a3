/**
 * The sandbox menu and a sandbox that heals itself, end to end: the psql line
 * the menu gives connects (the password only when asked for), Reset asks
 * first, and a killed server comes back by itself with a notice while the
 * sandbox connection returns to "connected".
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp } from './support/e2e-env'

const sandboxItem = (page: Page) => page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Sandbox' })

async function openMenu(page: Page) {
  await page.getByRole('button', { name: 'Sandbox…' }).click()
  const dialog = page.getByTestId('sandbox-menu')
  await expect(dialog).toBeVisible()
  return dialog
}

test('the sandbox menu gives a psql line that connects, the data dir, and a Reset that asks first', async ({ page }) => {
  await openConnectedApp(page)
  const dialog = await openMenu(page)
  const psql = dialog.getByTestId('sandbox-psql')
  await expect(psql).toHaveText(/^psql postgresql:\/\/postgres@127\.0\.0\.1:\d+\/sandbox$/)
  await expect(dialog.getByTestId('sandbox-data-dir')).toHaveText(/\/sandbox\/pgdata$/)
  await page.screenshot({ path: path.join(artifactsDir, 'sandbox-menu-light.png') })

  await dialog.getByRole('button', { name: 'Show password' }).click()
  await expect(psql).toHaveText(/^PGPASSWORD=\S+ psql /)
  const line = (await psql.textContent())!
  const answer = execFileSync('/bin/sh', ['-c', `${line} -XAtc 'select count(*) > 0 from loans'`], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '10' } })
  expect(answer.trim()).toBe('t')
  await dialog.getByRole('button', { name: 'Hide password' }).click()
  await expect(psql).not.toContainText('PGPASSWORD')

  await page.keyboard.press('Control+Shift+L')
  await page.screenshot({ path: path.join(artifactsDir, 'sandbox-menu-dark.png') })
  await page.keyboard.press('Control+Shift+L')

  // Reset drops a million rows: here only that it asks, and that Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Reset sandbox…' }).click()
  const confirm = page.getByRole('alertdialog')
  await expect(confirm).toContainText('drops the sandbox database')
  await page.screenshot({ path: path.join(artifactsDir, 'sandbox-reset-confirm.png') })
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toBeHidden()
  await expect(sandboxItem(page)).toHaveAttribute('data-state', 'connected')
})

test('a killed sandbox server comes back by itself, with a notice, and the connection with it', async ({ page }) => {
  await openConnectedApp(page)
  const dialog = await openMenu(page)
  const dataDir = (await dialog.getByTestId('sandbox-data-dir').textContent())!
  await dialog.getByRole('button', { name: 'Close' }).click()

  const postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  process.kill(postmasterPid, 'SIGKILL')

  const notice = page.getByTestId('sandbox-progress').filter({ hasText: 'The sandbox server was restarted' })
  await expect(notice).toBeVisible({ timeout: 45_000 })
  await expect(notice).toContainText('stopped unexpectedly and was started again')
  await expect(sandboxItem(page)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 })
  await page.screenshot({ path: path.join(artifactsDir, 'sandbox-restarted.png') })
  await notice.getByRole('button', { name: 'OK' }).click()
  await expect(notice).toBeHidden()
})
