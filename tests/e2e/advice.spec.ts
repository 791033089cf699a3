/**
 * The Advice panel beside the plan: an Explain from the editor brings its
 * advice with the plan (the missing index on loans.member_id, with evidence
 * and SQL); clicking it selects the node; Verify warns of the SHARE lock, then
 * reports cost before and after; Apply creates the index after a confirm. A
 * pasted plan gets its advice too. Screenshots in light and dark.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

const query = 'select id, loaned_at from loans where member_id = 4242'

test('an explained query shows its missing index beside the plan, verified and applied from the panel', async ({ page }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await typeSql(page, 'drop index if exists loans_member_id_idx')
  await page.keyboard.press('ControlOrMeta+Enter')
  await typeSql(page, query)
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const plan = page.getByRole('region', { name: 'Plan' })
  const advice = plan.getByRole('complementary', { name: 'Advice' })
  // It comes with the plan, not after it.
  await expect(plan.locator('.plan-tree')).toBeVisible()
  const item = advice.locator('.advice-item').filter({ hasText: 'Missing index' })
  await expect(item).toBeVisible()
  await expect(item).toContainText('public.loans')
  await expect(item.locator('.advice-sql')).toHaveText(/^CREATE INDEX CONCURRENTLY loans_member_id_idx ON public\.loans USING btree \(member_id\)/)
  await expect(item.locator('.advice-evidence')).toContainText(/^read [\d,]{7,9} rows (in \d parallel processes )?to return \d+; 99\.99\d % removed by the filter/)

  await item.getByRole('button', { name: /Missing index/ }).click()
  await expect(item).toHaveClass(/selected/)

  await item.getByRole('button', { name: 'Verify' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('SHARE lock on public.loans')
  await dialog.getByRole('button', { name: 'Build, explain and roll back' }).click()
  await expect(item.getByRole('status').filter({ hasText: /^Recommended: cost \d+ → \d+/ })).toBeVisible({ timeout: 60_000 })
  await expect(item).toContainText('the planner uses the index')
  await page.screenshot({ path: path.join(artifactsDir, 'advice-panel.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'advice-panel-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })

  await item.getByRole('button', { name: 'Apply…' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Create index' }).click()
  await expect(item.getByRole('status').filter({ hasText: /^Index created in/ })).toBeVisible({ timeout: 60_000 })
  // Explained again, the query uses the index and gets no index advice.
  await page.getByRole('tab', { name: 'SQL' }).click()
  await page.getByRole('button', { name: 'Explain', exact: true }).click()
  await expect(plan.locator('.plan-tree')).toContainText('loans_member_id_idx')
  await expect(advice).toContainText('Nothing to suggest')
  await page.getByRole('tab', { name: 'SQL' }).click()
  await typeSql(page, 'drop index loans_member_id_idx')
  await page.keyboard.press('ControlOrMeta+Enter')
})

test('a pasted plan gets its advice too, without verify or apply', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const plan = page.getByRole('region', { name: 'Plan' })
  await plan.getByRole('textbox', { name: /Paste a plan/ }).fill(readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'plans', 'advice', 'seq-lower-email.json'), 'utf8'))
  await plan.getByRole('button', { name: 'Show plan' }).click()
  const advice = plan.getByRole('complementary', { name: 'Advice' })
  await expect(advice.locator('.advice-sql')).toHaveText('CREATE INDEX CONCURRENTLY members_lower_email_idx ON public.members USING btree ((lower(email)))')
  await expect(advice.getByRole('button', { name: 'Copy SQL' })).toBeVisible()
  await expect(advice.getByRole('button', { name: 'Verify' })).toHaveCount(0)
  await expect(advice).toContainText('Explain from the editor on a connection to verify or apply an index.')
})
