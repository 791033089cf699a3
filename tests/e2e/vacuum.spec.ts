/**
 * The Vacuum tab on the sandbox: a table with dead rows shows past 100 % of
 * its threshold (autovacuum is off for it, and the row says so), a VACUUM
 * started from the tab after a confirm shows its phase and progress bar while
 * it runs, and the dead rows are gone from the forecast afterwards.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

async function runScript(page: Page, sql: string, statements: number) {
  await page.getByRole('tab', { name: 'SQL' }).click()
  await typeSql(page, sql)
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  const tabs = page.getByRole('tablist', { name: 'Statement results' }).getByRole('tab')
  await expect(tabs).toHaveCount(statements, { timeout: 60_000 })
  await expect(tabs.nth(statements - 1)).toContainText('1 row', { timeout: 60_000 })
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  const toggle = page.getByRole('button', { name: `Switch to the ${theme} theme` })
  if (await toggle.isVisible()) await toggle.click()
}

test('a table past its threshold, a VACUUM from the tab with its phases, and the dead rows gone after', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await runScript(
    page,
    [
      'drop table if exists vacuum_demo;',
      'create table vacuum_demo (id int, note text) with (autovacuum_enabled = false);',
      "insert into vacuum_demo select g, 'row number ' || g from generate_series(1, 300000) g;",
      'delete from vacuum_demo where id % 2 = 0;',
      // Throttle manual VACUUM (about 200 cached pages a second) so its phases stay on screen.
      "alter system set vacuum_cost_delay = '50ms';",
      'alter system set vacuum_cost_limit = 10;',
      'select pg_reload_conf();',
      'select pg_stat_force_next_flush();'
    ].join('\n'),
    8
  )
  try {
    await page.getByRole('tab', { name: 'Vacuum', exact: true }).click()
    const view = page.getByRole('region', { name: 'Vacuum' })
    const row = view.getByTestId('vacuum-row-public.vacuum_demo')
    await expect(async () => {
      await view.getByRole('button', { name: 'Refresh now' }).click()
      await expect(row).toContainText('150,000', { timeout: 2000 })
    }).toPass({ timeout: 30_000 })
    await expect(view.getByTestId('vacuum-why-public.vacuum_demo')).toContainText('autovacuum_enabled = false')
    // 150,000 dead rows against 50 + 0.2 × reltuples: far past the threshold.
    await expect(row.getByRole('meter', { name: /way to the next autovacuum/ })).toHaveAttribute('aria-valuenow', '100')
    await expect(view.getByTestId('vacuum-workers')).toContainText(/autovacuum workers \d+ \/ \d+/)
    await view.getByRole('searchbox', { name: 'Filter tables' }).fill('public.')
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-forecast-light.png') })
    await setTheme(page, 'dark')
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-forecast-dark.png') })
    await setTheme(page, 'light')

    await row.getByRole('button', { name: 'Vacuum', exact: true }).click()
    const confirm = page.getByRole('alertdialog')
    await expect(confirm).toContainText('VACUUM public.vacuum_demo?')
    await confirm.getByRole('button', { name: 'Run VACUUM' }).click()

    const running = view.getByTestId('vacuum-running-item').filter({ hasText: 'public.vacuum_demo' })
    await expect(running).toBeVisible({ timeout: 10_000 })
    await expect(running).toContainText(/scanning heap|vacuuming indexes|vacuuming heap|cleaning up indexes|truncating heap|performing final cleanup|initializing/)
    await expect(running).toContainText('heap blocks')
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-running-light.png') })
    await setTheme(page, 'dark')
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-running-dark.png') })
    await setTheme(page, 'light')

    await expect(view.getByTestId('vacuum-manual')).toContainText('done in', { timeout: 180_000 })
    await expect(running).toHaveCount(0, { timeout: 10_000 })
    await expect(row.locator('td').nth(2)).toHaveText('0', { timeout: 15_000 })
    // Half the rows are gone, the pages stay: the statistics-based estimate sees about half of it as bloat.
    await view.getByRole('button', { name: 'Estimate bloat' }).click()
    await expect(view.getByTestId('bloat-public.vacuum_demo')).toBeVisible({ timeout: 15_000 })
  } finally {
    await runScript(page, 'alter system reset vacuum_cost_delay;\nalter system reset vacuum_cost_limit;\nselect pg_reload_conf();', 3)
  }
})

test('an open transaction shows as what holds back cleanup; the wraparound panel rates every database', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  const workspace = page.locator('.sql-tab-body:not([hidden])')
  await workspace.getByLabel('Transaction mode').click()
  await expect(workspace.getByLabel('Transaction mode')).toBeChecked()
  await typeSql(page, 'update genres set name = name where id = 1')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(workspace.getByRole('status', { name: 'Transaction state' })).toHaveText('Transaction open')
  try {
    await page.getByRole('tab', { name: 'Vacuum', exact: true }).click()
    const view = page.getByRole('region', { name: 'Vacuum' })
    await view.getByRole('button', { name: 'Refresh now' }).click()
    const holders = view.getByRole('region', { name: 'What holds back cleanup' })
    await expect(holders.getByTestId('xmin-holder').filter({ hasText: 'idle in transaction' }).first()).toContainText('update genres', { timeout: 15_000 })
    const wraparound = view.getByRole('region', { name: 'Wraparound' })
    await expect(wraparound.getByTestId('wraparound-sandbox')).toContainText('fine')
    await wraparound.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-wraparound-light.png') })
    await setTheme(page, 'dark')
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-wraparound-dark.png') })
    await setTheme(page, 'light')
  } finally {
    await page.getByRole('tab', { name: 'SQL' }).click()
    await workspace.getByRole('button', { name: 'Rollback' }).click()
    await workspace.getByLabel('Transaction mode').click()
  }
})

test('the MVCC demo: an UPDATE leaves one dead tuple per row and moves the rows, VACUUM clears them', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await page.getByRole('tab', { name: 'Vacuum', exact: true }).click()
  const demo = page.getByRole('region', { name: 'MVCC demo' })
  await demo.getByRole('button', { name: 'Start over' }).click()
  const counts = demo.getByTestId('mvcc-counts')
  await expect(counts).toContainText('8 live tuples · 0 dead tuples')
  const firstRow = demo.getByRole('row').nth(1)
  const ctidBefore = await firstRow.getByRole('cell').nth(2).textContent()
  await demo.getByRole('button', { name: 'Update every row' }).click()
  await expect(counts).toContainText('8 dead tuples')
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText('11')
  await expect(firstRow.getByRole('cell').nth(2)).not.toHaveText(ctidBefore ?? '')
  await demo.scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(artifactsDir, 'vacuum-mvcc-light.png') })
  await setTheme(page, 'dark')
  await page.screenshot({ path: path.join(artifactsDir, 'vacuum-mvcc-dark.png') })
  await setTheme(page, 'light')
  await demo.getByRole('button', { name: 'VACUUM' }).click()
  await expect(counts).toContainText('8 live tuples · 0 dead tuples')
})

test('index bloat beside table bloat, and exact figures with pgstattuple once the user installs it', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await runScript(
    page,
    [
      'drop table if exists bloat_demo;',
      'drop extension if exists pgstattuple;',
      'create table bloat_demo (id int, note text) with (autovacuum_enabled = false);',
      "insert into bloat_demo select g, 'row number ' || g from generate_series(1, 100000) g;",
      'create index bloat_demo_id on bloat_demo (id);',
      'delete from bloat_demo where id % 10 <> 0;',
      'vacuum analyze bloat_demo;',
      'select 1;'
    ].join('\n'),
    8
  )
  try {
    await page.getByRole('tab', { name: 'Vacuum', exact: true }).click()
    const view = page.getByRole('region', { name: 'Vacuum' })
    const bloat = view.getByRole('region', { name: 'Bloat' })
    await bloat.getByRole('button', { name: /Estimate/ }).click()
    // Nine rows in ten are gone: both the table and its index are about 90 % bloat by the estimate.
    await expect(bloat.getByTestId('bloat-public.bloat_demo')).toContainText(/9\d %/, { timeout: 15_000 })
    await expect(bloat.getByTestId('index-bloat-public.bloat_demo_id')).toContainText(/8\d %|9\d %/)
    await bloat.getByRole('button', { name: 'Exact bloat of public.bloat_demo', exact: true }).click()
    await expect(bloat.getByRole('note')).toContainText('CREATE EXTENSION pgstattuple')

    await runScript(page, 'create extension pgstattuple;\nselect 1;', 2)
    await page.getByRole('tab', { name: 'Vacuum', exact: true }).click()
    await bloat.getByRole('button', { name: 'Exact bloat of public.bloat_demo', exact: true }).click()
    await expect(bloat.getByTestId('exact-public.bloat_demo')).toHaveText(/ · 9\d %/)
    await bloat.getByRole('button', { name: 'Exact bloat of public.bloat_demo_id' }).click()
    await expect(bloat.getByTestId('exact-public.bloat_demo_id')).toHaveText(/ · (8|9)\d %/)
    await expect(bloat.getByRole('note')).toHaveCount(0)
    await bloat.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-bloat-light.png') })
    await setTheme(page, 'dark')
    await page.screenshot({ path: path.join(artifactsDir, 'vacuum-bloat-dark.png') })
    await setTheme(page, 'light')
  } finally {
    await runScript(page, 'drop extension if exists pgstattuple;\ndrop table if exists bloat_demo;\nselect 1;', 3)
  }
})
