/**
 * The Activity view on the sandbox: live figures, a session table that
 * filters and sorts and fits 1400 px (query text and Cancel / Terminate on
 * screen without scrolling sideways), background processes named once, and
 * the same connection state as the sidebar while the server is down.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, e2eDataDir, openConnectedApp, typeSql } from './support/e2e-env'

async function openActivityWithSleeper(page: Page, marker: string) {
  await openConnectedApp(page)
  // Something long-running to look at.
  await typeSql(page, `select pg_sleep(30), '${marker}'`)
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.getByRole('tab', { name: 'Activity' }).click()
  return page.getByRole('region', { name: 'Activity' })
}

test('the activity table shows live sessions, filters and sorts', async ({ page }) => {
  const view = await openActivityWithSleeper(page, 'watch me')
  await expect(view.locator('.activity-stat').filter({ hasText: 'Connections' })).toContainText(/\d+ \/ \d+/)
  const table = view.getByRole('table', { name: 'Sessions' })
  await view.getByLabel('Filter sessions').fill('watch me')
  await expect(table.locator('tbody tr.session')).toHaveCount(1)
  await expect(table.locator('tbody tr.session')).toContainText('active')
  // The whole query on demand.
  const queryCell = table.locator('tbody td.activity-query')
  await queryCell.click()
  await expect(queryCell).toHaveClass(/open/)

  await view.getByLabel('Filter sessions').fill('')
  await view.getByLabel('Hide idle and background').uncheck()
  await table.getByRole('button', { name: /^PID/ }).click()
  await table.getByRole('button', { name: /^PID/ }).click()
  await expect(table.getByRole('columnheader', { name: /PID/ })).toHaveAttribute('aria-sort', 'ascending')
  const pids = (await table.locator('tbody tr.session:not(.worker) td:first-child').allTextContents()).map(Number)
  expect(pids.length).toBeGreaterThan(2)
  expect(pids).toEqual([...pids].sort((a, b) => a - b))
  // A background process says what it is once, in State; the cells of its row never repeat it.
  const background = table.locator('tbody tr.session').filter({ has: page.locator('td.background-process') })
  await expect(background.first()).toBeVisible()
  for (const row of await background.all()) {
    const cells = await row.locator('td').allTextContents()
    const type = (await row.locator('td.background-process').textContent())!
    expect(cells.filter((cell) => cell === type), `"${type}" in ${JSON.stringify(cells)}`).toHaveLength(1)
  }
  // Cancel from the activity table, after a confirm.
  await view.getByLabel('Filter sessions').fill('watch me')
  await table.getByRole('button', { name: 'Cancel' }).click()
  // The app's own dialog, showing what the session runs.
  await expect(page.getByRole('alertdialog')).toContainText('watch me')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel query' }).click()
  await page.getByRole('tab', { name: 'SQL' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'error' }).or(page.getByRole('alert').filter({ hasText: '57014' })).first()).toBeVisible()
})

test('at 1400×900 the query text and Cancel / Terminate are on screen, with no sideways scrolling', async ({ page }) => {
  const view = await openActivityWithSleeper(page, 'the room reads this query')
  const table = view.getByRole('table', { name: 'Sessions' })
  const session = table.locator('tbody tr.session').filter({ has: page.getByRole('button', { name: 'Cancel' }) })
  await view.getByLabel('Filter sessions').fill('the room reads this query')
  await expect(session).toHaveCount(1)
  const query = table.locator('tbody td.activity-query').filter({ hasText: 'the room reads this query' })
  for (const target of [query, session.getByRole('button', { name: 'Cancel' }), session.getByRole('button', { name: 'Terminate' })]) {
    await expect(target).toBeInViewport({ ratio: 1 })
  }
  // The query's text itself is readable, not cut down to a few letters.
  expect((await query.boundingBox())!.width).toBeGreaterThan(600)
  await view.getByLabel('Hide idle and background').uncheck()
  const overflow = await page.evaluate(() => {
    const scroller = document.querySelector('.activity-table-scroll')!
    return { page: document.documentElement.scrollWidth - window.innerWidth, table: scroller.scrollWidth - scroller.clientWidth }
  })
  expect(overflow).toEqual({ page: 0, table: 0 })
  await view.getByLabel('Hide idle and background').check()

  // The seven figures sit on one row, above the fold for the table.
  const figureTops = await view.locator('.activity-stat').evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top)))
  expect(figureTops).toHaveLength(7)
  expect(new Set(figureTops).size).toBe(1)
  // Presenter type is larger: the buttons still end inside the table, not cut at its edge.
  await page.keyboard.press('F8')
  await expect(page.getByRole('button', { name: 'Exit presenter' })).toBeVisible()
  const tableBox = (await table.boundingBox())!
  const terminateBox = (await session.getByRole('button', { name: 'Terminate' }).boundingBox())!
  expect(terminateBox.x + terminateBox.width).toBeLessThanOrEqual(tableBox.x + tableBox.width)
  await page.keyboard.press('F8')
  await expect(page.getByRole('button', { name: 'Exit presenter' })).toBeHidden()

  for (const size of [null, { width: 1920, height: 1080 }]) {
    if (size) await page.setViewportSize(size)
    const suffix = size ? '-1920' : ''
    await page.screenshot({ path: path.join(artifactsDir, `activity${suffix}.png`) })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: path.join(artifactsDir, `activity${suffix}-dark.png`) })
    await page.emulateMedia({ colorScheme: 'light' })
  }
})

test('while the sandbox server is down, the Activity tab says what the sidebar says', async ({ page }) => {
  test.setTimeout(120_000)
  const view = await openActivityWithSleeper(page, 'before the crash')
  const table = view.getByRole('table', { name: 'Sessions' })
  await expect(table.locator('tbody tr.session').first()).toBeVisible()
  await view.getByLabel('Hide idle and background').uncheck()
  const pidsBefore = new Set(await table.locator('tbody tr.session td:first-child').allTextContents())
  const sandbox = page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Sandbox' })

  const postmasterPid = Number(readFileSync(path.join(e2eDataDir, 'sandbox', 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
  process.kill(postmasterPid, 'SIGKILL')

  await expect(sandbox).toHaveAttribute('data-state', 'reconnecting', { timeout: 30_000 })
  await expect(sandbox.getByTestId('connection-state')).toContainText('Reconnecting…')
  const status = view.getByRole('status').first()
  await expect(status).toContainText('Sandbox: Reconnecting…')
  await expect(view).not.toContainText('Connect to a server')
  await page.screenshot({ path: path.join(artifactsDir, 'activity-reconnecting.png') })

  // Back by itself: live sessions again, and the banner gone.
  await expect(sandbox).toHaveAttribute('data-state', 'connected', { timeout: 60_000 })
  await expect(view.getByRole('status')).toHaveCount(0)
  // Watched again without leaving the tab: the restarted server's new backends appear.
  await expect.poll(async () => (await table.locator('tbody tr.session td:first-child').allTextContents()).filter((pid) => !pidsBefore.has(pid)).length, { timeout: 15_000 }).toBeGreaterThan(0)
  await expect(table.getByRole('button', { name: 'Cancel' }).first()).toBeEnabled()
})
