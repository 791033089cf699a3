/**
 * "What does this lock?" on the sandbox as a trainer uses it at 1400×900:
 * CREATE INDEX CONCURRENTLY gets the manual's answer instead of an error, the
 * ALTER that overdue_loans refuses names the view, and changing branch_id's
 * type calls out the ACCESS EXCLUSIVE lock on branches — in a table that
 * never scrolls sideways and whose Blocks column never wraps inside a word.
 */
import path from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

async function probe(page: Page, sql: string): Promise<Locator> {
  await typeSql(page, sql)
  await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name: 'What does this lock?' }).click()
  return page.getByRole('region', { name: 'Statement locks' })
}

/** Screenshots of the panel, light and dark, at the current size and at 1920×1080. */
async function shoot(page: Page, panel: Locator, name: string) {
  for (const size of [null, { width: 1920, height: 1080 }]) {
    if (size) await page.setViewportSize(size)
    // The panel's top at the top of the page: what a reader sees first.
    await panel.evaluate((section) => section.scrollIntoView({ block: 'start' }))
    const suffix = size ? '-1920' : ''
    await page.screenshot({ path: path.join(artifactsDir, `${name}${suffix}.png`) })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: path.join(artifactsDir, `${name}${suffix}-dark.png`) })
    await page.emulateMedia({ colorScheme: 'light' })
  }
  await page.setViewportSize({ width: 1400, height: 900 })
}

test('CREATE INDEX CONCURRENTLY is described from the manual instead of failing', async ({ page }) => {
  await openConnectedApp(page)
  const panel = await probe(page, 'create index concurrently loans_member_idx on loans (member_id)')
  const documented = panel.getByRole('region', { name: 'Documented locks' })
  await expect(documented).toContainText('cannot run inside a transaction block')
  await expect(documented.getByRole('table', { name: 'Locks it takes' }).getByRole('row').nth(1)).toContainText('SHARE UPDATE EXCLUSIVE')
  await expect(documented.getByRole('table', { name: 'Locks it takes' })).toContainText('public.loans')
  await expect(documented).toContainText('older than that scan')
  await expect(documented).toContainText('No ACCESS EXCLUSIVE lock on public.loans')
  await expect(documented.getByRole('link', { name: /CREATE INDEX, Building Indexes Concurrently/ })).toBeVisible()
  await expect(panel.getByRole('alert')).toHaveCount(0)
  await shoot(page, panel, 'statement-locks-cic')
})

test('an ALTER that the view overdue_loans refuses says so, by name', async ({ page }) => {
  await openConnectedApp(page)
  const panel = await probe(page, 'alter table loans alter column status_id type integer')
  const alert = panel.getByRole('alert')
  await expect(alert).toContainText('The view public.overdue_loans uses public.loans.status_id')
  await expect(alert).toContainText('DROP VIEW public.overdue_loans;')
  await expect(alert).toContainText('ACCESS EXCLUSIVE on public.loans')
  await shoot(page, panel, 'statement-locks-dependent-view')
})

test("changing branch_id's type calls out the lock on branches, in a table that fits 1400 px", async ({ page }) => {
  test.setTimeout(120_000)
  await openConnectedApp(page)
  const panel = await probe(page, 'alter table loans alter column branch_id type bigint')
  const callout = panel.getByRole('note', { name: 'Locks on tables the statement does not name' })
  await expect(callout).toContainText('ACCESS EXCLUSIVE on public.branches, through the foreign key loans_branch_id_fkey', { timeout: 60_000 })
  // The lesson is on screen at first glance, above the table.
  await expect(callout).toBeInViewport({ ratio: 1 })
  const table = panel.getByRole('table', { name: 'Locks taken' })
  const otherRow = table.locator('tr[data-scope="elsewhere"]').filter({ hasText: 'AccessExclusiveLock' }).first()
  await expect(otherRow).toContainText('public.branches')

  // Highlighted in the table too: its background is not the one a row of the named table has.
  const background = (row: Locator) => row.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor)
  const namedRow = table.locator('tr[data-scope="named"]').first()
  expect(await background(otherRow)).not.toBe(await background(namedRow))

  // Groups in reading order: the named table before the other one, TOAST and indexes after both.
  const groups = await table.locator('tr.lock-group').allTextContents()
  expect(groups.slice(0, 3)).toEqual(['Named in the statement', 'Not named in the statement', 'Their indexes and TOAST tables'])

  const fit = await panel.evaluate((section) => {
    let scrolls = false
    for (let el: Element | null = section; el; el = el.parentElement) if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden') scrolls = true
    // A word cut across two lines (what a column squeezed to a few letters does).
    const splitWords: string[] = []
    for (const cell of section.querySelectorAll('table[aria-label="Locks taken"] td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange()
          range.setStart(node, word.index)
          range.setEnd(node, word.index + word[0].length)
          if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) splitWords.push(word[0])
        }
      }
    }
    const table = section.querySelector('table[aria-label="Locks taken"]')!.getBoundingClientRect()
    const blocks = section.querySelector('table[aria-label="Locks taken"] th:last-child')!.getBoundingClientRect()
    const fontSizes = [...section.querySelectorAll('td, th, p, li')].map((el) => parseFloat(getComputedStyle(el).fontSize))
    return { scrolls, splitWords, right: table.right, blocksShare: blocks.width / table.width, smallestText: Math.min(...fontSizes) }
  })
  expect(fit.scrolls, 'something around the panel scrolls sideways').toBe(false)
  expect(fit.right).toBeLessThanOrEqual(1400)
  expect(fit.splitWords, 'words cut across lines').toEqual([])
  expect(fit.blocksShare).toBeGreaterThan(0.25)
  expect(fit.smallestText).toBeGreaterThanOrEqual(13)
  await shoot(page, panel, 'statement-locks-other-table')
})
