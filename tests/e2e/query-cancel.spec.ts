/**
 * Cancel that stops: a million rows streaming from the sandbox's `loans`,
 * cancelled after about a second, stop counting within a second, keep what
 * came, and History says cancelled. A script of 10,000 statements runs with
 * the page still answering.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

/** The row count the result's summary shows, or null when it shows none. */
async function shownRows(page: Page): Promise<number | null> {
  // The summary's second part ("123,456 rows…"); the first is the statement's preview.
  const text = (await page.locator('.result-summary > span').nth(1).textContent()) ?? ''
  const match = /^(?:cancelled after )?([\d,]+) rows?/.exec(text)
  return match ? Number(match[1]!.replace(/,/g, '')) : null
}

/** Replaces the editor's text by a paste, as a user brings a long script (typing 200 KB key by key is not a use). */
async function pasteSql(page: Page, sql: string): Promise<void> {
  const editor = page.locator('.sql-tab-body:not([hidden]) .cm-content')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await editor.evaluate((el, text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, sql)
}

test('Cancel of select * from loans after a second of streaming: the count stops within a second, History says cancelled', async ({ page }) => {
  test.setTimeout(120_000)
  await openConnectedApp(page)
  const sql = `select * from loans -- cancel ${Date.now()}`
  await typeSql(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect.poll(() => shownRows(page), { timeout: 30_000 }).toBeGreaterThan(0)
  await page.waitForTimeout(1000)
  const atClick = (await shownRows(page))!
  expect(atClick).toBeLessThan(1_000_000)
  const clicked = Date.now()
  await page.getByRole('button', { name: 'Cancel' }).click()
  // Sample the count for two seconds: after the first second it must not move.
  const samples: Array<{ at: number; rows: number | null }> = []
  while (Date.now() - clicked < 2000) {
    samples.push({ at: Date.now() - clicked, rows: await shownRows(page) })
    await page.waitForTimeout(50)
  }
  const settled = samples.filter((s) => s.at >= 1000).map((s) => s.rows)
  expect(new Set(settled).size).toBe(1)
  const kept = settled[0]!
  expect(kept).toBeLessThan(1_000_000)
  await expect(page.getByRole('status').filter({ hasText: `cancelled after ${kept.toLocaleString('en-US')} rows` })).toBeVisible()
  // The rows that came stay in the grid, down to the last one.
  const grid = page.getByRole('grid', { name: 'Result rows' })
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(grid.getByRole('row').last()).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'query-cancelled.png') })
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click()
  await page.screenshot({ path: path.join(artifactsDir, 'query-cancelled-dark.png') })
  await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name: 'History' }).click()
  const history = page.getByRole('complementary', { name: 'History' })
  await history.getByRole('searchbox').fill(sql.slice(-20))
  await expect(history.getByRole('button').filter({ hasText: sql })).toContainText('cancelled')
})

test('a script of 10,000 statements runs to the end with the page answering, tabs drawn in a window', async ({ page }) => {
  test.setTimeout(180_000)
  await openConnectedApp(page)
  const script = Array.from({ length: 10_000 }, (_, i) => `select ${i + 1} as n;`).join('\n')
  await pasteSql(page, script)
  const started = Date.now()
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  const tabs = page.getByRole('tablist', { name: 'Statement results' })
  await expect(tabs.getByRole('tab').filter({ hasText: /^10000 · / })).toBeVisible({ timeout: 150_000 })
  await expect(page.getByRole('button', { name: 'Run script' })).toBeVisible({ timeout: 150_000 })
  const seconds = (Date.now() - started) / 1000
  // A window of tabs, not 10,000 of them.
  expect(await tabs.getByRole('tab').count()).toBeLessThanOrEqual(40)
  await expect(tabs.getByRole('button', { name: /earlier/ })).toBeVisible()
  // The page answers at once.
  const t = Date.now()
  expect(await page.evaluate(() => 1 + 1)).toBe(2)
  expect(Date.now() - t).toBeLessThan(500)
  console.log(`10,000 statements in the UI: ${seconds.toFixed(1)} s`)
})
