/**
 * The first very big result of a session: `select * from events` (300,000
 * rows across partitions) shows its headers and cells promptly, the page
 * answers while rows are still arriving, and the count ends at 300,000.
 *
 * Stalls are measured as Chromium reports them (long tasks through a
 * PerformanceObserver), not by the wall clock, so a loaded machine that is
 * merely slow does not fail it while a page that freezes does.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

/** Generous for a loaded two-core machine: the cells now come in the count's own event; the disk wait took 0.47–1.8 s. */
const CELLS_AFTER_COUNT_MS = 300
/** The goal is no task over 200 ms; a loaded machine stretches tasks, so the test allows a little more. */
const LONGEST_TASK_MS = 250

interface StreamWatch {
  /** performance.now() at Run's key press. */
  run: number
  /** The summary first says how many rows came. */
  counted: number | null
  /** Headers and a cell with text first both on screen. */
  cells: number | null
  /** The summary says the final count. */
  done: number | null
  /** The More menu, clicked mid-stream, is open. */
  menu: number | null
  /** Different counts the summary showed on its way to the final one. */
  counts: number
  /** Polls that saw Cancel whole in the window while the run went on, and polls that saw it cut at the edge. */
  cancelWhole: number
  cancelCut: number
  longTasks: Array<{ start: number; duration: number }>
}

/** Long tasks from page load on, and a watcher that notes when the user first sees what. */
async function watchPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { tuskLongTasks: Array<{ start: number; duration: number }> }
    w.tuskLongTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.tuskLongTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
}

/** From now on, note (on a 10 ms poll, which runs only when the page could paint) the moments the user sees. */
async function startStreamWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { tuskWatch: Omit<StreamWatch, 'longTasks'> }
    const watch = { run: performance.now(), counted: null as number | null, cells: null as number | null, done: null as number | null, menu: null as number | null, counts: 0, cancelWhole: 0, cancelCut: 0 }
    let lastSummary = ''
    w.tuskWatch = watch
    const timer = setInterval(() => {
      const summary = document.querySelector('.result-summary > span:nth-child(2)')?.textContent ?? ''
      if (watch.counted === null && /^[1-9][\d,]* rows?/.test(summary)) watch.counted = performance.now()
      if (/^[1-9][\d,]* rows?…/.test(summary) && summary !== lastSummary) watch.counts += 1
      lastSummary = summary
      const header = document.querySelector('.result-grid [role=columnheader]')
      const cell = [...document.querySelectorAll('.result-grid [role=gridcell]')].some((c) => (c.textContent ?? '').trim() !== '' && c.textContent !== '…')
      if (watch.cells === null && header && cell) watch.cells = performance.now()
      if (watch.menu === null && document.querySelector('.sql-tab-body:not([hidden]) [role=group][aria-label=More]')) watch.menu = performance.now()
      const cancel = [...document.querySelectorAll('.sql-tab-body:not([hidden]) .query-toolbar button')].find((b) => b.textContent === 'Cancel')
      if (cancel) {
        if (cancel.getBoundingClientRect().right <= window.innerWidth) watch.cancelWhole += 1
        else watch.cancelCut += 1
      }
      if (/^300,000 rows(?!…)/.test(summary)) {
        watch.done = performance.now()
        clearInterval(timer)
      }
    }, 10)
  })
}

async function streamWatch(page: Page): Promise<StreamWatch> {
  return page.evaluate(() => {
    const w = window as unknown as { tuskWatch: Omit<StreamWatch, 'longTasks'>; tuskLongTasks: StreamWatch['longTasks'] }
    return { ...w.tuskWatch, longTasks: w.tuskLongTasks.filter((t) => t.start + t.duration >= w.tuskWatch.run) }
  })
}

test('select * from events: headers and cells come promptly, the page answers while rows arrive, and the count ends at 300,000', async ({ page }) => {
  test.setTimeout(120_000)
  await watchPage(page)
  await openConnectedApp(page)
  await typeSql(page, `select * from events -- ${Date.now()}`)
  await startStreamWatch(page)
  // Where More is, found before Run: the click mid-stream is then one input event, with no wait of the test's own.
  const more = (await page.getByRole('button', { name: 'More', exact: true }).boundingBox())!
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.waitForFunction(() => (window as unknown as { tuskWatch: { counted: number | null } }).tuskWatch.counted !== null, undefined, { polling: 20, timeout: 30_000 })
  // While rows still arrive, the page answers: the More menu opens before the last row is counted.
  await page.mouse.click(more.x + more.width / 2, more.y + more.height / 2)
  await expect(page.getByRole('button', { name: 'History' })).toBeVisible({ timeout: 5000 })
  await page.keyboard.press('Escape')
  const grid = page.getByRole('grid', { name: 'Result rows' })
  await expect(grid.getByRole('columnheader').filter({ hasText: 'occurred_at' })).toBeVisible()
  await expect(grid.getByRole('gridcell').filter({ hasText: /^\d+$/ }).first()).toBeVisible()
  // A function polled in the page, not expect(): a failing expect's snapshot of the page is a long task of its own.
  await page.waitForFunction(() => (window as unknown as { tuskWatch: { done: number | null } }).tuskWatch.done !== null, undefined, { polling: 250, timeout: 60_000 })
  const watch = await streamWatch(page)
  const longest = Math.max(0, ...watch.longTasks.map((t) => t.duration))
  const figures = `first count ${Math.round(watch.counted! - watch.run)} ms, headers+cells ${Math.round(watch.cells! - watch.run)} ms, menu open ${Math.round(watch.menu! - watch.run)} ms, done ${Math.round(watch.done! - watch.run)} ms, longest task ${Math.round(longest)} ms (${watch.longTasks.length} over 50 ms), ${watch.counts} counts shown on the way`
  test.info().annotations.push({ type: 'figures', description: figures })
  console.log(`sql-big-result: ${figures}`)
  await expect(page.getByRole('status').filter({ hasText: '300,000 rows' })).toBeVisible()
  // The count moved on the way, not only at the end.
  expect(watch.counts).toBeGreaterThanOrEqual(3)
  expect(watch.menu).not.toBeNull()
  expect(watch.menu!).toBeLessThan(watch.done!)
  // Cells come with the first count (they used to wait for a page read queued behind the spool's disk writes).
  expect(watch.cells! - watch.counted!).toBeLessThan(CELLS_AFTER_COUNT_MS)
  expect(longest).toBeLessThan(LONGEST_TASK_MS)
  // The running timer never pushes Cancel out of the window.
  expect(watch.cancelWhole).toBeGreaterThan(0)
  expect(watch.cancelCut).toBe(0)
})

test('the big result mid-stream and done, light and dark, at 1400×900', async ({ page }) => {
  test.setTimeout(120_000)
  await openConnectedApp(page)
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to the dark theme' }).click()
    await typeSql(page, `select * from events -- ${theme} ${Date.now()}`)
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(page.getByRole('grid', { name: 'Result rows' }).getByRole('gridcell').filter({ hasText: /^\d+$/ }).first()).toBeVisible({ timeout: 30_000 })
    await page.screenshot({ path: path.join(artifactsDir, `sql-big-result-streaming-${theme}.png`) })
    await expect(page.getByRole('status').filter({ hasText: '300,000 rows' })).toBeVisible({ timeout: 60_000 })
    await page.screenshot({ path: path.join(artifactsDir, `sql-big-result-done-${theme}.png`) })
  }
})
