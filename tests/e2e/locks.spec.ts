/**
 * The trainer's scenario on the sandbox: the lock graph lights up with the
 * blocking chain, a node shows its locks, and stopping clears it.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, e2eAppUrl } from './support/e2e-env'

test('the lock graph shows the scenario chain: root blocker, a hard edge, soft edges behind the ALTER', async ({ page }) => {
  await page.goto(e2eAppUrl)
  await expect(page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Sandbox' })).toHaveAttribute('data-state', 'connected', { timeout: 150_000 })
  await page.getByRole('tab', { name: 'Locks' }).click()
  const view = page.getByRole('region', { name: 'Locks' })
  await view.getByRole('button', { name: 'Start the blocking scenario' }).click()
  const graph = view.getByRole('img', { name: /Lock graph/ })
  await expect(graph).toBeVisible()
  await expect(graph.locator('.lock-edge[data-kind="hard"]')).toHaveCount(1)
  await expect(graph.locator('.lock-edge[data-kind="soft"]')).toHaveCount(2)
  await expect(graph.getByRole('button', { name: /root blocker/ })).toHaveCount(1)
  await expect(graph.locator('.lock-edge[data-kind="hard"]')).toContainText('AccessExclusive vs RowExclusive')
  await page.screenshot({ path: path.join(artifactsDir, 'locks-scenario.png') })
  await graph.getByRole('button', { name: /root blocker/ }).click()
  const details = view.getByRole('complementary')
  await expect(details).toContainText('Blocks')
  await expect(details).toContainText('AccessExclusiveLock on public.loans')
  await view.getByRole('button', { name: 'Stop the blocking scenario' }).click()
  await expect(view.getByText('No session is waiting for a lock.')).toBeVisible()
})
