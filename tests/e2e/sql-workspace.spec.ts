/**
 * The SQL workspace end to end, on the sandbox: run, scripts, errors, cancel,
 * and a million rows scrolled to the end with a bounded row store.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

const openWorkspace = openConnectedApp

test('type a query, run it, see rows with their types', async ({ page }) => {
  await openWorkspace(page)
  await typeSql(page, "select id, full_name, city, null::text as nothing from members where country_code = 'FR' order by id limit 25")
  await page.keyboard.press('ControlOrMeta+Enter')
  const grid = page.getByRole('grid', { name: 'Result rows' })
  await expect(page.getByRole('status').filter({ hasText: '25 rows' })).toBeVisible()
  await expect(grid.getByRole('columnheader').filter({ hasText: 'full_name' })).toContainText('text')
  await expect(grid.getByRole('row').nth(1)).toContainText('NULL')
  await page.screenshot({ path: path.join(artifactsDir, 'sql-results.png') })
})

test('a three-statement script gives three results', async ({ page }) => {
  await openWorkspace(page)
  await typeSql(page, 'select count(*) from genres;\nupdate genres set name = name where id <= 3;\nselect name from genres order by id limit 5;')
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  const tabs = page.getByRole('tablist', { name: 'Statement results' }).getByRole('tab')
  await expect(tabs).toHaveCount(3)
  await expect(tabs.nth(0)).toContainText('1 row')
  await expect(tabs.nth(1)).toContainText('UPDATE 3')
  await expect(tabs.nth(2)).toContainText('5 rows')
})

test('a syntax error marks its position and keeps the text', async ({ page }) => {
  await openWorkspace(page)
  const sql = 'select id,\n  full_name\nfromm members limit 3'
  await typeSql(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'ERROR 42601' })).toBeVisible()
  const marked = page.locator('.cm-lintRange-error')
  await expect(marked).toHaveText('members')
  await expect(page.locator('.sql-tab-body:not([hidden]) .cm-content')).toHaveText(sql.replace(/\n/g, ''))
  await page.screenshot({ path: path.join(artifactsDir, 'sql-error.png') })
})

test('select pg_sleep(30) is cancelled from the UI in under a second', async ({ page }) => {
  await openWorkspace(page)
  await typeSql(page, 'select pg_sleep(30)')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('timer', { name: 'Running' })).toContainText(/pid \d+/)
  const clicked = Date.now()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toBeVisible({ timeout: 5000 })
  expect(Date.now() - clicked).toBeLessThan(1000)
})

test('a million rows scroll to the end while the renderer holds a bounded window', async ({ page }) => {
  test.setTimeout(120_000)
  await openWorkspace(page)
  // In id order: a plain seq scan may start where an earlier (cancelled) scan of loans stopped (synchronized scans).
  await typeSql(page, 'select * from loans order by id')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('status').filter({ hasText: '1,000,000 rows' })).toBeVisible({ timeout: 60_000 })
  const grid = page.getByRole('grid', { name: 'Result rows' })
  await grid.evaluate((el) => (el.scrollTop = 900_000 * 30))
  await expect(grid.getByRole('gridcell', { name: '900001', exact: true })).toBeVisible()
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(grid.getByRole('gridcell', { name: '1000000', exact: true })).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'sql-million-rows.png') })
  const held = Number(await grid.getAttribute('data-held-rows'))
  expect(held).toBeGreaterThan(0)
  expect(held).toBeLessThanOrEqual(2400)
})

test('autocomplete offers the columns of the big table in scope', async ({ page }) => {
  await openWorkspace(page)
  await typeSql(page, 'select * from loans where memb')
  await page.keyboard.press('Control+Space')
  const popup = page.locator('.cm-tooltip-autocomplete')
  await expect(popup.getByRole('option', { name: /member_id/ })).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'sql-autocomplete.png') })
})

test('history lists what ran and opens it back in the editor', async ({ page }) => {
  await openWorkspace(page)
  const marker = `select 'history-${Date.now()}' as marker`
  await typeSql(page, marker)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('status').filter({ hasText: '1 row' })).toBeVisible()
  await typeSql(page, 'select 1')
  await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name: 'History' }).click()
  const history = page.getByRole('complementary', { name: 'History' })
  await history.getByRole('searchbox').fill(marker.slice(8, 30))
  await history.getByRole('button').filter({ hasText: marker }).click()
  await expect(page.locator('.sql-tab-body:not([hidden]) .cm-content')).toHaveText(marker)
})

test("the schema browser opens a table's page with its indexes and DDL, and previews its data", async ({ page }) => {
  await openWorkspace(page)
  const tree = page.getByRole('navigation', { name: 'Schema browser' })
  // Partitions are nested under their parent.
  await tree.getByRole('button', { name: 'events', exact: false }).first().click()
  await expect(page.getByRole('region', { name: 'Table public.events' })).toContainText('events_2024_01')
  await tree.getByRole('button', { name: 'loans', exact: true }).click()
  const tablePage = page.getByRole('region', { name: 'Table public.loans' })
  await expect(tablePage).toContainText('loans_pkey')
  await expect(tablePage).toContainText('CREATE TABLE "public"."loans"')
  await expect(tablePage).toContainText('references →')
  await page.screenshot({ path: path.join(artifactsDir, 'table-page.png') })
  await tablePage.getByRole('button', { name: 'Preview data' }).click()
  await expect(page.getByRole('status').filter({ hasText: '100 rows' })).toBeVisible()
})

test('editor tabs keep their own text, also across a reload', async ({ page }) => {
  await openWorkspace(page)
  await page.getByRole('button', { name: 'New editor tab' }).click()
  const tabs = page.getByRole('tablist', { name: 'Editor tabs' }).getByRole('tab')
  const count = await tabs.count()
  await typeSql(page, 'select 2 as second_tab')
  await tabs.nth(0).click()
  await expect(page.locator('.sql-tab-body:not([hidden]) .cm-content')).not.toHaveText('select 2 as second_tab')
  await page.waitForTimeout(400)
  await page.reload()
  await expect(page.getByRole('tablist', { name: 'Editor tabs' }).getByRole('tab')).toHaveCount(count)
  await page.getByRole('tablist', { name: 'Editor tabs' }).getByRole('tab').nth(count - 1).click()
  await expect(page.locator('.sql-tab-body:not([hidden]) .cm-content')).toHaveText('select 2 as second_tab')
})

test('transaction mode shows the open transaction until Commit or Rollback', async ({ page }) => {
  await openWorkspace(page)
  const workspace = page.locator('.sql-tab-body:not([hidden])')
  // Turning it on opens a session on the server first, then the box shows checked.
  await workspace.getByLabel('Transaction mode').click()
  await expect(workspace.getByLabel('Transaction mode')).toBeChecked()
  await typeSql(page, "update genres set name = name || '!' where id = 1")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(workspace.getByRole('status', { name: 'Transaction state' })).toHaveText('Transaction open')
  await page.screenshot({ path: path.join(artifactsDir, 'sql-transaction-open.png') })
  await workspace.getByRole('button', { name: 'Rollback' }).click()
  await expect(workspace.getByRole('status', { name: 'Transaction state' })).toHaveCount(0)
  // Rolled back: the name is unchanged.
  await typeSql(page, 'select name from genres where id = 1')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('grid', { name: 'Result rows' }).getByRole('gridcell', { name: 'Fiction', exact: true })).toBeVisible()
  // The select opened a new transaction: leaving transaction mode asks before rolling it back.
  await workspace.getByLabel('Transaction mode').click()
  const question = page.getByRole('alertdialog')
  await expect(question).toContainText('open transaction')
  await question.getByRole('button', { name: 'Roll back and close' }).click()
  await expect(workspace.getByLabel('Transaction mode')).not.toBeChecked()
})

test('a cell and a row copy to the clipboard; JSON shows pretty in the side panel', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openWorkspace(page)
  await typeSql(page, "select id, title, attributes from books where id = 7")
  await page.keyboard.press('ControlOrMeta+Enter')
  const grid = page.getByRole('grid', { name: 'Result rows' })
  await grid.getByRole('gridcell').nth(1).click()
  await page.keyboard.press('ControlOrMeta+c')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Book 7')
  await grid.getByRole('gridcell').nth(2).click()
  const panel = page.getByRole('complementary', { name: 'Cell value' })
  await expect(panel.locator('pre')).toContainText('"format":')
  await panel.getByRole('button', { name: 'Copy row' }).click()
  expect((await page.evaluate(() => navigator.clipboard.readText())).split('\t').slice(0, 2)).toEqual(['7', 'Book 7'])
})

test('the editor and results stay readable in the dark theme at a projector text size', async ({ page }) => {
  await openWorkspace(page)
  if ((await page.locator('html').getAttribute('data-theme')) !== 'dark') await page.keyboard.press('Control+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByRole('button', { name: 'Larger text' }).click()
  await page.getByRole('button', { name: 'Larger text' }).click()
  await typeSql(page, "-- members per city\nselect city, count(*) as members\nfrom members\nwhere country_code = 'FR'\ngroup by city\norder by 2 desc;")
  await page.keyboard.press('ControlOrMeta+Enter')
  const grid = page.getByRole('grid', { name: 'Result rows' })
  await expect(grid.getByRole('gridcell', { name: 'Paris', exact: true })).toBeVisible()
  // Rows grow with the text: no cell is clipped vertically.
  const row = grid.getByRole('row').nth(1)
  const cell = row.getByRole('gridcell').first()
  const rowBox = (await row.boundingBox())!
  const cellBox = (await cell.boundingBox())!
  expect(cellBox.height).toBeLessThanOrEqual(rowBox.height + 1)
  // Keywords are not the light theme's dark purple on a dark background.
  const keywordColour = await page.locator('.sql-tab-body:not([hidden]) .cm-content span').filter({ hasText: /^select$/ }).first().evaluate((el) => getComputedStyle(el).color)
  expect(keywordColour).toBe('rgb(210, 168, 255)')
  await page.screenshot({ path: path.join(artifactsDir, 'sql-dark-projector.png') })
  await page.getByRole('button', { name: /^Text size \d+%, reset$/ }).click()
  await page.keyboard.press('Control+Shift+L')
})
