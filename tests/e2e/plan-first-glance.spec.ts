/**
 * The slow node at first glance: after Explain Analyze, at 1400×900, the node
 * with the most own time is on screen at the starting zoom, even when it is
 * deep, and its text is big enough to read from the back of a room.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

// Loans per member country: the aggregate and the sort sit above a hash join whose big seq scan takes most of the time.
const slowDeepQuery = `select m.country_code, count(*) as open_loans
from loans l join members m on m.id = l.member_id
where l.status_id = 3
group by m.country_code
order by open_loans desc`

/** Every drawn card: its node id, its box on the page, and its title's font size as drawn (CSS size × zoom). */
async function drawnCards(page: Page) {
  return page.locator('.plan-tree .plan-node').evaluateAll((cards) =>
    cards.map((card) => {
      const title = card.querySelector('.plan-node-title') as SVGTextElement | null
      const box = (card.querySelector('rect') as SVGRectElement).getBoundingClientRect()
      const scale = (card as SVGGraphicsElement).getScreenCTM()?.a ?? 1
      const fontPx = title ? parseFloat(getComputedStyle(title).fontSize) * scale : 0
      const titleBox = title?.getBoundingClientRect()
      return { id: Number(card.getAttribute('data-node-id')), box: { x: box.x, y: box.y, right: box.right, bottom: box.bottom }, fontPx, titleRight: titleBox?.right ?? 0 }
    })
  )
}

async function slowestNodeId(page: Page): Promise<number> {
  const view = page.getByRole('region', { name: 'Plan' })
  await view.getByRole('tab', { name: 'Grid' }).click()
  const table = view.getByRole('table', { name: 'Plan nodes' })
  await table.getByRole('button', { name: /Exclusive/ }).click()
  await expect(table.getByRole('columnheader', { name: /Exclusive/ })).toHaveAttribute('aria-sort', 'descending')
  const id = Number(await table.locator('tbody tr:not(.plan-grid-spacer)').first().locator('td').first().textContent())
  await view.getByRole('tab', { name: 'Tree' }).click()
  return id
}

test('after Explain Analyze the slowest node, deep in the tree, is on screen with text of at least 13 px', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, slowDeepQuery)
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  const tree = view.getByRole('img', { name: /Plan tree/ })
  await expect(tree.getByRole('button', { name: /Seq Scan on loans/ })).toBeVisible({ timeout: 30_000 })
  const cards = await drawnCards(page)
  const viewport = await tree.boundingBox()
  await page.screenshot({ path: path.join(artifactsDir, 'plan-first-glance-1400.png') })

  const slowest = await slowestNodeId(page)
  expect(slowest, 'the slowest node is not the root').not.toBe(0)
  const card = cards.find((c) => c.id === slowest)
  expect(card, 'the slowest node is drawn at the starting zoom').toBeDefined()
  expect(card!.box.x).toBeGreaterThanOrEqual(viewport!.x)
  expect(card!.box.y).toBeGreaterThanOrEqual(viewport!.y)
  expect(card!.box.right).toBeLessThanOrEqual(viewport!.x + viewport!.width)
  expect(card!.box.bottom).toBeLessThanOrEqual(viewport!.y + viewport!.height)
  expect(card!.fontPx).toBeGreaterThanOrEqual(13)
  // No title runs out of its card.
  for (const c of cards) expect(c.titleRight, `node ${c.id}'s title stays in its box`).toBeLessThanOrEqual(c.box.right)
})

async function setTheme(page: Page, theme: 'light' | 'dark') {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.keyboard.press('Control+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('A+ scales the tree with the text, and a 1920×1080 screen shows the plan in both themes', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, slowDeepQuery)
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const tree = page.getByRole('region', { name: 'Plan' }).getByRole('img', { name: /Plan tree/ })
  await expect(tree.getByRole('button', { name: /Seq Scan on loans/ })).toBeVisible({ timeout: 30_000 })
  const scale = async () => Number((await tree.locator(':scope > g').getAttribute('transform'))!.match(/scale\(([\d.]+)/)![1])
  const before = await scale()
  await page.getByRole('button', { name: 'Larger text' }).click()
  await expect.poll(scale).toBeCloseTo(before * 1.15, 2)
  await page.getByRole('button', { name: 'Smaller text' }).click()
  await expect.poll(scale).toBeCloseTo(before, 2)

  await setTheme(page, 'dark')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-first-glance-1400-dark.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.getByRole('button', { name: 'Fit the tree' }).click()
  await page.screenshot({ path: path.join(artifactsDir, 'plan-first-glance-1920-dark.png') })
  await setTheme(page, 'light')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-first-glance-1920-light.png') })
})

test('plain EXPLAIN colours by own cost and says so; the toolbar stays put across views, export included', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, slowDeepQuery)
  await page.getByRole('button', { name: 'Explain', exact: true }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  const tree = view.getByRole('img', { name: /Plan tree/ })
  await expect(tree.getByRole('button', { name: /Seq Scan on loans/ })).toBeVisible({ timeout: 30_000 })
  await expect(view.getByLabel('Colour by')).toHaveValue('cost')
  await expect(view.getByLabel(/^Legend:/)).toHaveAttribute('aria-label', /own estimated cost.*did not run/)
  // Not every card white: the costliest is red.
  const fills = await tree.locator('.plan-node > rect').evaluateAll((rects) => rects.map((r) => getComputedStyle(r).fill))
  expect(new Set(fills).size).toBeGreaterThan(1)
  await expect(tree.locator('.plan-node-figures').first()).toContainText('own cost')
  await expect(view.getByRole('complementary', { name: 'Node details' })).toContainText('Own estimated cost')
  // One toolbar line.
  const toolbarHeight = (await view.getByRole('toolbar', { name: 'Plan' }).boundingBox())!.height
  expect(toolbarHeight).toBeLessThan(50)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-explain-cost.png') })

  const toolbar = view.getByRole('toolbar', { name: 'Plan' })
  const places = async () => ({
    toolbar: await toolbar.boundingBox(),
    svg: await view.getByRole('button', { name: 'Export SVG' }).boundingBox(),
    png: await view.getByRole('button', { name: 'Export PNG' }).boundingBox()
  })
  const inTree = await places()
  for (const other of ['Grid', 'Icicle', 'Raw']) {
    await view.getByRole('tab', { name: other }).click()
    expect(await places(), `the toolbar in the ${other} view`).toEqual(inTree)
  }
})

/**
 * Explain Analyze of `sql` from the SQL tab, then its first Append picked in the grid (it may be below
 * the hot path in the tree): its details, and its card once the tree is shown again.
 */
async function explainedAppend(page: Page, sql: string) {
  await typeSql(page, sql)
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  await expect(view.getByRole('img', { name: /Plan tree/ })).toBeVisible({ timeout: 30_000 })
  await view.getByRole('tab', { name: 'Grid' }).click()
  await view.getByRole('table', { name: 'Plan nodes' }).getByRole('row').filter({ hasText: 'Append' }).first().click()
  const details = view.getByRole('complementary', { name: 'Node details' })
  const showTree = async () => {
    await view.getByRole('tab', { name: 'Tree' }).click()
    return view.getByRole('img', { name: /Plan tree/ }).locator('.plan-node.selected')
  }
  return { details, showTree }
}

test('partition pruning is called out on the Append, and a node’s details leave its zero counters folded', async ({ page }) => {
  await openConnectedApp(page)
  // A parameter known only at run time: the partitions are pruned when execution starts.
  const { details, showTree } = await explainedAppend(page, "select kind, count(*) from events where occurred_at >= (select timestamptz '2024-10-01') group by kind")
  await expect(details.getByLabel('Partition pruning')).toContainText(/\d+ of 13 partitions scanned/)
  await expect(details.getByText(/^\d+ counters at zero$/)).toBeVisible()
  await expect(details.getByRole('row', { name: /Local Dirtied Blocks/ })).toHaveCount(0)
  const append = await showTree()
  await expect(append).toContainText(/\d+ of 13 partitions scanned/)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-partition-pruning.png') })
})

test('partitions the planner pruned are counted from the catalog: the Append says "3 of 13 partitions scanned", 10 pruned at planning', async ({ page }) => {
  await openConnectedApp(page)
  // Constants the planner prunes with: only March, April and May are in the plan (days inside the months, whatever the time zone).
  const { details, showTree } = await explainedAppend(page, "select kind, count(*) from events where occurred_at >= '2024-03-10' and occurred_at < '2024-05-20' group by kind")
  await expect(details.getByLabel('Partition pruning')).toContainText('public.events: 3 of 13 partitions scanned (10 pruned at planning)')
  const append = await showTree()
  await expect(append).toContainText('3 of 13 partitions scanned')
  await expect(append).toContainText('10 pruned at planning')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-partition-totals.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'plan-partition-totals-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })
})
