/**
 * A whole psql session pasted into the Plan tab: the plan is found inside it
 * (prompts, replies, timing lines and a double-line unicode frame around it),
 * the tree's root is the plan's real root node, and the EXPLAIN typed in the
 * session is shown as the plan's query.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, e2eAppUrl } from './support/e2e-env'
import { pasteFile, withPrompts } from '../unit/explain/support/paste-captures'

/** The captured session as a terminal shows it: typed lines after psql's prompts. */
const transcript = () => withPrompts(pasteFile('pg18-hash-join.unicode-double-all.text.txt')!, '[4242](4242)alice@library=# ', '[4242](4242)alice@library-# ')

test('a pasted psql session shows its plan with the real root node and the EXPLAIN as its query', async ({ page }) => {
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  const box = view.getByRole('textbox', { name: /Paste a plan/ })
  if (!(await box.isVisible())) await view.getByRole('button', { name: 'Paste a plan…' }).click()
  const pasted = transcript()
  expect(pasted).toContain('alice@library=# explain')
  await view.getByRole('textbox', { name: /Paste a plan/ }).fill(pasted)
  await view.getByRole('button', { name: 'Show plan' }).click()

  const tree = view.getByRole('img', { name: 'Plan tree: 4 nodes' })
  await expect(tree).toBeVisible()
  // The root is selected when a plan opens: it is the Hash Join, not a node named after the session's text.
  const details = view.getByRole('complementary', { name: 'Node details' })
  await expect(details).toContainText('Hash Join')
  await expect(details).not.toContainText('QUERY PLAN')
  await expect(details).not.toContainText('alice@library')
  await expect(tree.getByRole('button', { name: /Seq Scan on public\.customers|Seq Scan on customers/ })).toBeVisible()
  const query = view.getByLabel('Query')
  await expect(query).toContainText('explain (ANALYZE, BUFFERS, VERBOSE, format text)')
  await expect(query).toContainText("where c.country = 'NL'")
  await expect(query).not.toContainText('alice@library')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-pasted-session.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'plan-pasted-session-dark.png') })
})
