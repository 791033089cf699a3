/**
 * The SQL workspace as a new user meets it at 1400×900 (issue 14 §7): Run
 * with a table page open shows its results, confirmations in the app's own
 * dialog with the statement, CSV exports as browser downloads, a partitioned
 * table's sizes, a one-row toolbar, counts in words, plans across a reload.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

const workspaceOf = (page: Page) => page.locator('.sql-tab-body:not([hidden])')

async function setTheme(page: Page, theme: 'light' | 'dark') {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.keyboard.press('Control+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('Run with a table page open shows the results in its place', async ({ page }) => {
  await openConnectedApp(page)
  const tree = page.getByRole('navigation', { name: 'Schema browser' })
  await tree.getByRole('button', { name: 'genres', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Table public.genres' })).toBeVisible()
  await typeSql(page, 'select id, name from genres order by id limit 4')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('grid', { name: 'Result rows' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Table public.genres' })).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: '4 rows' })).toBeVisible()
})

test("a statement that changes every row asks in the app's own dialog, showing the statement", async ({ page }) => {
  await openConnectedApp(page)
  let nativeDialog = false
  page.on('dialog', (dialog) => {
    nativeDialog = true
    void dialog.dismiss()
  })
  const sql = "update genres set name = name || ''"
  await typeSql(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  const question = page.getByRole('alertdialog')
  await expect(question).toContainText('UPDATE of every row of')
  await expect(question.getByLabel('Statement')).toHaveText(sql)
  await page.screenshot({ path: path.join(artifactsDir, 'workspace-confirm-dialog.png') })
  await question.getByRole('button', { name: 'Cancel' }).click()
  await expect(question).toHaveCount(0)
  expect(nativeDialog).toBe(false)
})

test('Export CSV in the browser is a download with the rows', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'select id, name from genres order by id limit 3')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('status').filter({ hasText: '3 rows' })).toBeVisible()
  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const download = await downloaded
  expect(download.suggestedFilename()).toMatch(/^tusk-export-.*\.csv$/)
  const text = await readFile((await download.path())!, 'utf8')
  const lines = text.trim().split('\n')
  expect(lines[0]).toBe('id,name')
  expect(lines).toHaveLength(4)
  expect(lines[1]).toMatch(/^1,/)
  await expect(page.getByRole('status', { name: 'Export progress' })).toHaveText(/^Downloaded 3 rows as tusk-export-/)
  await expect(page.getByRole('status', { name: 'Export progress' })).not.toContainText('/exports/')
})

test('the partitioned table events shows its size as the sum of its partitions, and each partition', async ({ page }) => {
  await openConnectedApp(page)
  const tree = page.getByRole('navigation', { name: 'Schema browser' })
  await tree.getByRole('button', { name: 'events', exact: false }).first().click()
  const tablePage = page.getByRole('region', { name: 'Table public.events' })
  const summary = tablePage.locator('header .muted').last()
  await expect(summary).toContainText('sum of 13 partitions')
  await expect(summary).not.toContainText('table 0 B')
  await expect(summary).toContainText(/table \d+(\.\d)? MB/)
  const march = tablePage.getByRole('row').filter({ hasText: 'events_2024_03' })
  await expect(march).toContainText(/\d+(\.\d)? (kB|MB)/)
  await page.screenshot({ path: path.join(artifactsDir, 'workspace-partition-sizes.png') })
})

test('the toolbar is one row at 1400 px, also with a transaction open', async ({ page }) => {
  await openConnectedApp(page)
  const workspace = workspaceOf(page)
  const toolbar = workspace.locator('.query-toolbar')
  const oneRow = async () => {
    const bar = (await toolbar.boundingBox())!
    const boxes = await toolbar.locator(':scope > button, :scope > .toolbar-menu > button, .transaction-controls > label, .transaction-controls > .badge, .transaction-controls button').evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getBoundingClientRect()).map((r) => ({ middle: Math.round(r.top + r.height / 2), left: r.left, right: r.right, height: r.height }))
    )
    expect(boxes.length).toBeGreaterThan(4)
    const middles = boxes.map((b) => b.middle)
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThanOrEqual(4)
    // Nothing cut off or pushed out: every control lies inside the toolbar, on one line (no wrapped label).
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(bar.x - 1)
      expect(box.right).toBeLessThanOrEqual(bar.x + bar.width + 1)
      expect(box.height).toBeLessThan(48)
    }
    const box = (await toolbar.boundingBox())!
    expect(box.height).toBeLessThan(60)
  }
  await oneRow()
  await workspace.getByLabel('Transaction mode').click()
  await typeSql(page, 'select 1')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(workspace.getByRole('status', { name: 'Transaction state' })).toHaveText('Transaction open')
  await expect(workspace.getByRole('button', { name: 'Commit' })).toBeVisible()
  await oneRow()
  await page.screenshot({ path: path.join(artifactsDir, 'workspace-toolbar-transaction.png') })
  await workspace.getByRole('button', { name: 'Rollback' }).click()
  await workspace.getByLabel('Transaction mode').click()
  await expect(workspace.getByLabel('Transaction mode')).not.toBeChecked()
})

test('counts are in words: "1 row"; statements after a failure are skipped, not cancelled', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'select 1 as one;\nselect * fromm nowhere;\nselect 3;')
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  const tabs = page.getByRole('tablist', { name: 'Statement results' }).getByRole('tab')
  await expect(tabs).toHaveCount(3)
  await expect(tabs.nth(0)).toHaveText('1 · 1 row')
  await expect(tabs.nth(2)).toHaveText('3 · skipped (an earlier statement failed)')
})

test('Ctrl+Enter is listed among the shortcuts', async ({ page }) => {
  await openConnectedApp(page)
  await page.keyboard.press('ControlOrMeta+/')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('SQL editor: run the statement under the cursor, or the selection')
})

test("an Explain's plan is still there after a reload", async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'select * from genres where id < 5')
  await page.getByRole('button', { name: 'Explain', exact: true }).click()
  const plan = page.getByTestId('panel-plan')
  await expect(plan.getByRole('img', { name: /Plan tree/ })).toBeVisible()
  await page.waitForTimeout(300)
  await page.reload()
  await page.getByRole('tab', { name: /Plan/ }).first().click()
  await expect(page.getByTestId('panel-plan').getByRole('img', { name: /Plan tree/ })).toBeVisible()
  await expect(page.getByTestId('panel-plan')).toContainText('genres')
  await page.getByRole('tab', { name: 'SQL' }).click()
})

test('each editor tab shows its own last plan, also after a reload', async ({ page }) => {
  await openConnectedApp(page)
  const editorTabs = page.getByRole('tablist', { name: 'Editor tabs' }).getByRole('tab')
  const plan = page.getByTestId('panel-plan')
  const explainIn = async (tab: number, sql: string, table: string) => {
    await page.getByRole('tab', { name: 'SQL' }).click()
    await editorTabs.nth(tab).click()
    await typeSql(page, sql)
    await page.getByRole('button', { name: 'Explain', exact: true }).click()
    await expect(plan.getByRole('img', { name: /Plan tree/ })).toBeVisible()
    await expect(plan).toContainText(table)
  }
  const planOfTab = async (tab: number, table: string, other: string) => {
    await page.getByRole('tab', { name: 'SQL' }).click()
    await editorTabs.nth(tab).click()
    await page.getByRole('tab', { name: /Plan/ }).first().click()
    await expect(plan.getByRole('img', { name: /Plan tree/ })).toBeVisible()
    await expect(plan).toContainText(table)
    await expect(plan).not.toContainText(other)
  }
  await explainIn(0, 'select * from genres where id < 5', 'genres')
  await page.getByRole('tab', { name: 'SQL' }).click()
  await page.getByRole('button', { name: 'New editor tab' }).click()
  await explainIn(1, 'select * from authors where id < 3', 'authors')
  await planOfTab(0, 'genres', 'authors')
  await planOfTab(1, 'authors', 'genres')
  // Plans and tabs are saved shortly after they change.
  await page.waitForTimeout(400)
  await page.reload()
  await planOfTab(0, 'genres', 'authors')
  await planOfTab(1, 'authors', 'genres')
})

test('workspace screenshots at 1400×900 and 1920×1080, light and dark', async ({ page }) => {
  await openConnectedApp(page)
  await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name: 'History' }).click()
  await typeSql(page, "select id, full_name, city, country_code, email from members order by id limit 40")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('status').filter({ hasText: '40 rows' })).toBeVisible()
  const editor = workspaceOf(page).locator('.sql-editor')
  expect((await editor.boundingBox())!.width).toBeGreaterThanOrEqual(400)
  for (const size of [{ width: 1400, height: 900 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size)
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme)
      await page.screenshot({ path: path.join(artifactsDir, `workspace-${size.width}-${theme}.png`) })
    }
  }
  await setTheme(page, 'light')
})
