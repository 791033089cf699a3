/**
 * The plan's views as a reader uses them: the grid sorted by own time to find
 * the hot node, the time per node type and per table, a node's details in
 * groups, and the icicle of a real sandbox query. Screenshots in light and dark.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { artifactsDir, e2eAppUrl, openConnectedApp, typeSql } from './support/e2e-env'

const captured = readFileSync(path.join(process.cwd(), 'tests', 'fixtures', 'plans', 'pg18-hash-join.txt'), 'utf8')

async function pastePlan(page: Page, text: string) {
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  if (!(await view.getByRole('textbox', { name: /Paste a plan/ }).isVisible())) await view.getByRole('button', { name: 'Paste a plan…' }).click()
  await view.getByRole('textbox', { name: /Paste a plan/ }).fill(text)
  await view.getByRole('button', { name: 'Show plan' }).click()
  return view
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.keyboard.press('Control+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('the grid sorts by own time, adds time up per node type and per table, and details come in groups', async ({ page }) => {
  const view = await pastePlan(page, captured)
  await setTheme(page, 'light')
  await view.getByRole('tab', { name: 'Grid' }).click()
  const grid = view.getByRole('table', { name: 'Plan nodes' })
  // Plan order first: the root on top.
  await expect(grid.locator('tbody tr').first()).toContainText('Hash Join')

  await grid.getByRole('button', { name: 'Exclusive' }).click()
  await expect(grid.getByRole('columnheader', { name: /Exclusive/ })).toHaveAttribute('aria-sort', 'descending')
  // The scan of orders has most of this plan's own time.
  await expect(grid.locator('tbody tr').first()).toContainText('Seq Scan on orders')
  await expect(grid.locator('tbody tr').first()).toContainText('66.2%')
  await grid.getByRole('button', { name: 'Exclusive' }).click()
  await expect(grid.getByRole('columnheader', { name: /Exclusive/ })).toHaveAttribute('aria-sort', 'ascending')
  await expect(grid.locator('tbody tr').last()).toContainText('Seq Scan on orders')

  await grid.locator('tbody tr').filter({ hasText: 'Seq Scan on orders' }).click()
  const details = view.getByRole('complementary', { name: 'Node details' })
  await expect(details.getByRole('region', { name: 'Conditions' })).toContainText('Rows Removed by Filter')
  await expect(details.getByRole('region', { name: 'Buffers and I/O' })).toContainText('Shared Hit Blocks')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-grid-sorted.png') })

  await view.getByRole('tab', { name: 'Per node type' }).click()
  const types = view.getByRole('table', { name: 'Time per node type' })
  await expect(types.locator('tbody tr').first()).toContainText('Seq Scan')
  await expect(types.locator('tbody tr').first()).toContainText('2')

  await view.getByRole('tab', { name: 'Per table' }).click()
  const tables = view.getByRole('table', { name: 'Time per table' })
  const orders = tables.locator('tbody tr').filter({ hasText: 'public.orders' })
  await expect(orders).toContainText('1 × Seq Scan')
  await expect(orders).toContainText('30k')
  await setTheme(page, 'dark')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-grid-per-table-dark.png') })
})

test('the icicle of a sandbox join shows the widest bar where the time went, in light and dark', async ({ page }) => {
  await openConnectedApp(page)
  await setTheme(page, 'light')
  await typeSql(page, 'select m.city, count(*) from loans l join members m on m.id = l.member_id join books b on b.id = l.book_id where b.published_year > 2015 group by m.city order by 2 desc limit 10')
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  await view.getByRole('tab', { name: 'Icicle' }).click()
  const icicle = view.getByRole('img', { name: 'Plan icicle of own time' })
  await expect(icicle.locator('[data-node-id="0"]')).toContainText('Limit')
  // The scan of the million-row loans table is the widest leaf: the time went there.
  const loans = icicle.locator('.icicle-cell').filter({ hasText: /Scan on loans/ }).first()
  await expect(loans).toBeVisible()
  await loans.click()
  await expect(view.getByRole('complementary', { name: 'Node details' })).toContainText('loans')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-icicle.png') })
  await setTheme(page, 'dark')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-icicle-dark.png') })
})

test('what belongs to the whole plan folds open above it: trigger time, JIT, changed settings', async ({ page }) => {
  const fixtures = path.join(process.cwd(), 'tests', 'fixtures', 'plans')
  let view = await pastePlan(page, readFileSync(path.join(fixtures, 'pg18-trigger.txt'), 'utf8'))
  const overview = view.getByLabel('Whole plan')
  await overview.getByText(/^Triggers: 1/).click()
  await expect(overview.getByRole('cell', { name: 'orders_audit' })).toBeVisible()

  view = await pastePlan(page, readFileSync(path.join(fixtures, 'pg15-jit.txt'), 'utf8'))
  // The banner is one line; its notes (the offer to compare with the plan before, the whole-plan facts) open under More.
  const more = view.getByRole('button', { name: 'More ▾' })
  if (await more.isVisible()) await more.click()
  await expect(view.getByLabel('Whole plan').getByText(/^JIT: 5 functions/)).toBeVisible()
  await expect(view.getByLabel('Whole plan').getByText(/^Settings changed: .*jit_above_cost=0/)).toBeVisible()
  await view.getByLabel('Whole plan').getByText(/^JIT/).click()
  await page.screenshot({ path: path.join(artifactsDir, 'plan-overview.png') })
})

test('a CTE read by two scans is joined to both by dashed arcs in the tree', async ({ page }) => {
  const view = await pastePlan(page, readFileSync(path.join(process.cwd(), 'tests', 'fixtures', 'plans', 'pg18-cte-materialized.txt'), 'utf8'))
  await setTheme(page, 'light')
  const tree = view.getByRole('img', { name: /Plan tree/ })
  await expect(tree.locator('path.plan-edge-cte[data-cte="totals"]')).toHaveCount(2)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-tree-cte.png') })
})

test('the tree zooms with buttons and keys, fits again on request, and gives a room the full width without details', async ({ page }) => {
  const view = await pastePlan(page, readFileSync(path.join(process.cwd(), 'tests', 'fixtures', 'plans', 'pg18-cte-materialized.txt'), 'utf8'))
  const tree = view.getByRole('img', { name: /Plan tree/ })
  const cards = tree.locator('.plan-node')
  const scale = async () => Number((await tree.locator(':scope > g').getAttribute('transform'))!.match(/scale\(([\d.]+)/)![1])
  const allInside = async () => {
    const frame = (await tree.boundingBox())!
    const boxes = await cards.evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, right: r.right, bottom: r.bottom })))
    return boxes.every((b) => b.x >= frame.x && b.right <= frame.x + frame.width && b.y >= frame.y && b.bottom <= frame.y + frame.height)
  }
  const start = await scale()
  await view.getByRole('button', { name: 'Zoom in' }).click()
  await expect.poll(scale).toBeGreaterThan(start)
  await tree.focus()
  await page.keyboard.press('-')
  await page.keyboard.press('-')
  await expect.poll(scale).toBeLessThan(start)
  // Fit: the whole tree when it is readable whole, else back to the hot path at the start's readable scale.
  await view.getByRole('button', { name: 'Fit the tree' }).click()
  if (!(await allInside())) await expect.poll(scale).toBeCloseTo(start, 3)
  await expect.poll(scale).toBeGreaterThanOrEqual(13 / 14)

  // For a room: hide the details and the advice beside the plan, and the tree takes the width.
  const narrow = (await tree.boundingBox())!.width
  await view.getByRole('button', { name: 'Details' }).click()
  await view.getByRole('button', { name: 'Advice', exact: true }).click()
  await expect(view.getByRole('complementary', { name: 'Node details' })).toHaveCount(0)
  await expect(view.getByRole('complementary', { name: 'Advice' })).toHaveCount(0)
  await expect.poll(async () => (await tree.boundingBox())!.width).toBeGreaterThan(narrow + 200)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-tree-wide.png') })
  await view.getByRole('button', { name: 'Details' }).click()
  await view.getByRole('button', { name: 'Advice', exact: true }).click()
  await expect(view.getByRole('complementary', { name: 'Node details' })).toBeVisible()
  // The keys are listed where every shortcut is.
  await page.getByRole('button', { name: 'Shortcuts' }).click()
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Plan tree: fit the tree')
})
