/**
 * The trainer's scenario on the sandbox: the lock graph lights up with the
 * blocking chain, a node shows its locks, and stopping clears it.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

test('the lock graph shows the scenario chain: root blocker, a hard edge, soft edges behind the ALTER', async ({ page }) => {
  await openConnectedApp(page)
  await page.getByRole('tab', { name: 'Locks' }).click()
  const view = page.getByRole('region', { name: 'Locks' })
  await view.getByRole('button', { name: 'Start the blocking scenario' }).click()
  const graph = view.getByRole('img', { name: /Lock graph/ })
  await expect(graph).toBeVisible()
  await expect(graph.locator('.lock-edge[data-kind="hard"]')).toHaveCount(1)
  await expect(graph.locator('.lock-edge[data-kind="soft"]')).toHaveCount(2)
  await expect(graph.getByRole('button', { name: /root blocker/ })).toHaveCount(1)
  await expect(graph.locator('.lock-edge[data-kind="hard"]')).toContainText('AccessExclusive vs RowExclusive')
  // The queue of loans reads in order: the holder, the ALTER, then the reads behind it.
  const queue = view.getByRole('region', { name: 'Lock queues' }).locator('.lock-queue').filter({ hasText: 'public.loans' }).locator('li')
  await expect(queue).toHaveCount(4)
  await expect(queue.nth(0)).toContainText('holds RowExclusiveLock')
  await expect(queue.nth(1)).toContainText('AccessExclusiveLock')
  await expect(queue.nth(1)).toContainText('alter table')
  await expect(queue.nth(2)).toContainText('AccessShareLock')
  await page.screenshot({ path: path.join(artifactsDir, 'locks-scenario.png') })
  await graph.getByRole('button', { name: /root blocker/ }).click()
  const details = view.getByRole('complementary')
  await expect(details).toContainText('Blocks')
  await expect(details).toContainText('AccessExclusiveLock on public.loans')
  await view.getByRole('button', { name: 'Stop the blocking scenario' }).click()
  await expect(view.getByText('No session is waiting for a lock.')).toBeVisible()
})

test('"What does this lock?" lists AccessExclusiveLock for ALTER … ADD COLUMN … DEFAULT now() and RowExclusiveLock for UPDATE', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'alter table loans add column returned_late_at timestamptz default now()')
  await page.getByRole('button', { name: 'What does this lock?' }).click()
  const panel = page.getByRole('region', { name: 'Statement locks' })
  const locks = panel.getByRole('table', { name: 'Locks taken' })
  await expect(locks.getByRole('row').filter({ hasText: 'public.loans' }).first()).toContainText('AccessExclusiveLock')
  await expect(panel.getByRole('note')).toContainText('BEGIN … ROLLBACK')
  await page.screenshot({ path: path.join(artifactsDir, 'locks-statement.png') })

  await panel.getByRole('button', { name: 'Close' }).click()
  await typeSql(page, "update members set city = 'Lyon' where id = 1")
  await page.getByRole('button', { name: 'What does this lock?' }).click()
  await expect(locks.getByRole('row').filter({ hasText: 'public.members' }).first()).toContainText('RowExclusiveLock')
  // Nothing was changed: the column does not exist.
  await panel.getByRole('button', { name: 'Close' }).click()
  await typeSql(page, "select count(*) from information_schema.columns where column_name = 'returned_late_at'")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('grid', { name: 'Result rows' }).getByRole('gridcell', { name: '0', exact: true })).toBeVisible()
})
