/**
 * The trainer's scenario on the sandbox: the lock graph lights up with the
 * blocking chain, drawn to fill its canvas with no arrow under a box; a node
 * shows its locks, its details close when it is terminated, and stopping
 * clears it.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'
import { graphGeometry } from './support/lock-graph-geometry'

test('the lock graph draws the chain A ← B ← C ← D readable at first sight: it fills its canvas, no arrow under a box, text of 13 px or more', async ({ page }) => {
  await openConnectedApp(page)
  // The Locks tab is opened for the first time with the scenario already running: the canvas was never measured before.
  await page.getByRole('tab', { name: 'Locks' }).click()
  const view = page.getByRole('region', { name: 'Locks' })
  await view.getByRole('button', { name: 'Start the blocking scenario' }).click()
  const graph = view.getByRole('img', { name: /Lock graph/ })
  await expect(graph).toBeVisible()
  await expect(graph.locator('.lock-edge[data-kind="hard"]')).toHaveCount(3)
  await expect(graph.locator('.lock-edge[data-kind="soft"]')).toHaveCount(1)
  await expect(graph.getByRole('button', { name: /root blocker/ })).toHaveCount(1)
  // The ALTER's box says what it waits for, against what the two writers hold.
  await expect(graph.locator('.lock-node').filter({ hasText: 'AccessExclusive vs RowExclusive' })).toContainText('alter table')
  // The queue of loans reads in order: the two holders, the ALTER, then the read behind it.
  const queue = view.getByRole('region', { name: 'Lock queues' }).locator('.lock-queue').filter({ hasText: 'public.loans' }).locator('li')
  await expect(queue).toHaveCount(4)
  await expect(queue.nth(0)).toContainText('holds RowExclusiveLock')
  await expect(queue.nth(2)).toContainText('AccessExclusiveLock')
  await expect(queue.nth(2)).toContainText('alter table')
  await expect(queue.nth(3)).toContainText('AccessShareLock')

  const check = async (when: string) => {
    const geometry = await graphGeometry(graph)
    expect(Math.max(geometry.widthShare, geometry.heightShare), `${when}: share of the canvas`).toBeGreaterThanOrEqual(0.6)
    expect(geometry.inside, `${when}: the drawing inside its canvas`).toBe(true)
    expect(geometry.crossings, `${when}: arrows under boxes`).toEqual([])
    expect(geometry.smallestFont, `${when}: smallest text on screen`).toBeGreaterThanOrEqual(13)
  }
  await expect.poll(async () => (await graphGeometry(graph)).heightShare).toBeGreaterThan(0.3)
  await check('first render')
  await page.screenshot({ path: path.join(artifactsDir, 'locks-scenario.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'locks-scenario-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })

  // Away and back: the canvas is hidden meanwhile, and the drawing must not come back as a speck.
  await page.getByRole('tab', { name: 'Activity' }).click()
  await page.getByRole('tab', { name: 'Locks' }).click()
  await expect(graph).toBeVisible()
  await check('after switching tabs')

  // The details of the root blocker; it stays open while the session is in the graph.
  await graph.getByRole('button', { name: /root blocker/ }).click()
  const details = view.getByRole('complementary')
  await expect(details).toContainText('Blocks')
  await expect(details).toContainText('AccessExclusiveLock on public.loans')
  await check('with the details open')
  // Terminated, the session leaves the graph, and its details (with Cancel and Terminate) close.
  await details.getByRole('button', { name: 'Terminate' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Terminate' }).click()
  await expect(details).toHaveCount(0)
  await view.getByRole('button', { name: 'Stop the blocking scenario' }).click()
  await expect(view.getByText('No session is waiting for a lock.')).toBeVisible()
})

test('"What does this lock?" lists AccessExclusiveLock for ALTER … ADD COLUMN … DEFAULT now() and RowExclusiveLock for UPDATE', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'alter table loans add column returned_late_at timestamptz default now()')
  await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name: 'What does this lock?' }).click()
  const panel = page.getByRole('region', { name: 'Statement locks' })
  const locks = panel.getByRole('table', { name: 'Locks taken' })
  await expect(locks.getByRole('row').filter({ hasText: 'public.loans' }).first()).toContainText('AccessExclusiveLock')
  await expect(panel.getByRole('note')).toContainText('BEGIN … ROLLBACK')
  await page.screenshot({ path: path.join(artifactsDir, 'locks-statement.png') })

  await panel.getByRole('button', { name: 'Close' }).click()
  await typeSql(page, "update members set city = 'Lyon' where id = 1")
  await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name: 'What does this lock?' }).click()
  await expect(locks.getByRole('row').filter({ hasText: 'public.members' }).first()).toContainText('RowExclusiveLock')
  // Nothing was changed: the column does not exist.
  await panel.getByRole('button', { name: 'Close' }).click()
  await typeSql(page, "select count(*) from information_schema.columns where column_name = 'returned_late_at'")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('grid', { name: 'Result rows' }).getByRole('gridcell', { name: '0', exact: true })).toBeVisible()
})
