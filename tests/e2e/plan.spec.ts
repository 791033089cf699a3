/**
 * Plans end to end: Explain Analyze from the editor (an UPDATE, rolled back),
 * the tree, a node's details, the grid; and a pasted plan.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, e2eAppUrl, openConnectedApp, typeSql } from './support/e2e-env'

test('Explain Analyze of an UPDATE shows the tree and leaves the table unchanged', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, "update members set city = 'Nowhere' where country_code = 'FR'")
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  await expect(view.getByRole('note')).toContainText('BEGIN … ROLLBACK')
  const tree = view.getByRole('img', { name: /Plan tree/ })
  await expect(tree.getByRole('button', { name: /Seq Scan on members/ })).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'plan-tree.png') })
  await tree.getByRole('button', { name: /Seq Scan on members/ }).click()
  const details = view.getByRole('complementary', { name: 'Node details' })
  await expect(details).toContainText('Rows Removed by Filter')
  await view.getByRole('tab', { name: 'Grid' }).click()
  await expect(view.getByRole('table', { name: 'Plan nodes' })).toContainText('ModifyTable')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-grid.png') })

  // The data is unchanged.
  await page.getByRole('tab', { name: 'SQL' }).click()
  await typeSql(page, "select count(*) from members where city = 'Nowhere'")
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('grid', { name: 'Result rows' }).getByRole('gridcell', { name: '0', exact: true })).toBeVisible()
})

test('a pasted psql plan shows as a tree; a broken one says which line', async ({ page }) => {
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  const pasted = [
    '                                QUERY PLAN',
    '---------------------------------------------------------------------------',
    ' Hash Join  (cost=1.09..2.21 rows=4 width=8) (actual time=0.031..0.035 rows=4 loops=1)',
    '   Hash Cond: (a.id = b.id)',
    '   ->  Seq Scan on a  (cost=0.00..1.04 rows=4 width=4) (actual time=0.008..0.009 rows=4 loops=1)',
    '   ->  Hash  (cost=1.04..1.04 rows=4 width=4) (actual time=0.012..0.012 rows=4 loops=1)',
    '         Buckets: 1024  Batches: 1  Memory Usage: 9kB',
    '         ->  Seq Scan on b  (cost=0.00..1.04 rows=4 width=4) (actual time=0.004..0.005 rows=4 loops=1)',
    ' Planning Time: 0.100 ms',
    ' Execution Time: 0.060 ms',
    '(8 rows)'
  ].join('\n')
  const box = view.getByRole('textbox', { name: /Paste a plan/ })
  if (!(await box.isVisible())) await view.getByRole('button', { name: 'Paste a plan…' }).click()
  await view.getByRole('textbox', { name: /Paste a plan/ }).fill('this is my shopping list, not a plan')
  await view.getByRole('button', { name: 'Show plan' }).click()
  await expect(view.getByRole('alert')).toContainText('Line 1')
  await view.getByRole('textbox', { name: /Paste a plan/ }).fill(pasted)
  await view.getByRole('button', { name: 'Show plan' }).click()
  await expect(view.getByRole('img', { name: 'Plan tree: 4 nodes' })).toBeVisible()

  // Keyboard: the root is selected; down goes to its first child, right to the next sibling.
  const tree = view.getByRole('img', { name: 'Plan tree: 4 nodes' })
  await tree.focus()
  await page.keyboard.press('ArrowDown')
  await expect(view.getByRole('complementary', { name: 'Node details' })).toContainText('Seq Scan on a')
  await page.keyboard.press('ArrowRight')
  await expect(view.getByRole('complementary', { name: 'Node details' })).toContainText('Hash')
  await view.getByLabel('Colour by').selectOption('rows')

  // The raw view: the selected node's lines are highlighted, and a click on a line selects its node.
  await view.getByRole('tab', { name: 'Raw' }).click()
  const raw = view.getByRole('list', { name: 'Plan source' })
  await raw.getByRole('listitem').filter({ hasText: 'Seq Scan on b' }).click()
  await expect(view.getByRole('complementary', { name: 'Node details' })).toContainText('Seq Scan on b')
  await expect(raw.locator('.plan-raw-line.selected')).toContainText('Seq Scan on b')
  // The icicle: a click on a bar selects that node.
  await view.getByRole('tab', { name: 'Icicle' }).click()
  await view.getByRole('img', { name: 'Plan icicle of own time' }).locator('[data-node-id="0"]').click()
  await expect(view.getByRole('complementary', { name: 'Node details' })).toContainText('Hash Join')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-icicle.png') })
})

test('a plan saves as .tusk-plan.json, opens again, and exports as a standalone SVG', async ({ page }) => {
  await openConnectedApp(page)
  await typeSql(page, 'select b.title, count(*) from loans l join books b on b.id = l.book_id where l.member_id = 42 group by b.title')
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  await expect(view.getByRole('img', { name: /Plan tree/ })).toBeVisible()

  const saved = page.waitForEvent('download')
  await view.getByRole('button', { name: 'More plan actions' }).click()
  await view.getByRole('button', { name: 'Save…' }).click()
  const file = await (await saved).path()
  const { readFileSync } = await import('node:fs')
  const content = JSON.parse(readFileSync(file, 'utf8'))
  expect(content).toMatchObject({ tusk: 'plan', version: 1, serverVersion: expect.stringMatching(/^18/), query: expect.stringContaining('member_id = 42') })

  const svgDownload = page.waitForEvent('download')
  await view.getByRole('button', { name: 'Export SVG' }).click()
  const svg = readFileSync(await (await svgDownload).path(), 'utf8')
  expect(svg.startsWith('<svg')).toBe(true)
  expect(svg).toContain('Seq Scan')
  expect(svg).toMatch(/fill: rgb/)

  // Open the saved file again.
  await view.getByRole('button', { name: 'Paste a plan…' }).click()
  await view.locator('input[type=file]').first().setInputFiles(file)
  await expect(view.getByRole('img', { name: /Plan tree/ })).toBeVisible()
  await expect(view).toContainText('PostgreSQL 18')
})

test('a 1,000-node plan opens with cheap subtrees folded, and a fold opens on click', async ({ page }) => {
  const { widePlan } = await import('../../bench/support/generated-plans')
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  if (!(await view.getByRole('textbox', { name: /Paste a plan/ }).isVisible())) await view.getByRole('button', { name: 'Paste a plan…' }).click()
  const started = Date.now()
  await view.locator('input[type=file]').first().setInputFiles({ name: 'big-plan.json', mimeType: 'application/json', buffer: Buffer.from(widePlan(1000)) })
  const tree = view.getByRole('img', { name: 'Plan tree: 1001 nodes' })
  await expect(tree).toBeVisible()
  console.log(`1,001-node plan shown ${Date.now() - started} ms after opening the file`)
  await expect(view.getByRole('note').filter({ hasText: 'A big plan' })).toBeVisible()
  // 250 sibling subtrees: the six costliest show, the rest wait behind one badge.
  const before = await tree.locator('.plan-node').count()
  expect(before).toBeLessThan(20)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-big.png') })
  // Keyboard: down to a folded child, Enter opens its subtree.
  await tree.focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect.poll(() => tree.locator('.plan-node').count()).toBeGreaterThan(before)
  // Up to the root, which comes into view with its badge.
  await page.keyboard.press('ArrowUp')
  await tree.getByRole('button', { name: /Show 244 more children/ }).click()
  await expect(tree.getByRole('button', { name: /more children/ })).toHaveCount(0)
  // Now too wide for the panel: the overview shows all 250+ cards, while only those in view are drawn.
  const overview = view.getByRole('img', { name: /Plan overview/ })
  await expect(overview).toBeVisible()
  expect(Number((await overview.getAttribute('aria-label'))!.match(/(\d+) nodes/)![1])).toBeGreaterThan(250)
  expect(await tree.locator('.plan-node').count()).toBeLessThan(120)
  // A click on the overview's far right moves the view there: other cards are drawn.
  const firstDrawn = await tree.locator('.plan-node:not(.selected)').first().getAttribute('data-node-id')
  const box = (await overview.boundingBox())!
  await page.mouse.click(box.x + box.width - 4, box.y + box.height - 4)
  await expect(tree.locator(`.plan-node[data-node-id="${firstDrawn}"]`)).toHaveCount(0)
  await expect(tree.locator('.plan-node').first()).toBeVisible()
})

test('two runs of a query compare side by side: the scan that became an index scan, and how much faster', async ({ page }) => {
  await openConnectedApp(page)
  const view = page.getByRole('region', { name: 'Plan' })
  const explainAnalyze = async (sql: string) => {
    await page.getByRole('tab', { name: 'SQL' }).click()
    await typeSql(page, sql)
    await page.getByRole('button', { name: 'Explain Analyze' }).click()
    await expect(view.getByRole('img', { name: /Plan tree/ })).toBeVisible()
  }
  // Before: "l.id + 0" keeps the primary key from being used; after: the index serves the range.
  await explainAnalyze('select b.title, l.loaned_at from loans l join books b on b.id = l.book_id where l.id + 0 between 500000 and 500200')
  await expect(view.getByRole('button', { name: 'Compare with previous' })).toHaveCount(0)
  await explainAnalyze('select b.title, l.loaned_at from loans l join books b on b.id = l.book_id where l.id between 500000 and 500200')
  await expect(view).toContainText('The previous plan is kept')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-compare-offer.png') })
  await view.getByRole('button', { name: 'Compare with previous' }).click()

  const totals = view.getByRole('region', { name: 'Comparison totals' })
  await expect(totals).toContainText(/Execution [\d.]+ m?s → [\d.]+ m?s ×[\d.]+ faster/)
  await expect(totals).toContainText('Explain Analyze · select b.title')
  const grid = view.getByRole('table', { name: 'Plan comparison' })
  // The loans scan is matched across the change: a Seq Scan in A, the primary key's Index Scan in B, much less own time.
  const loans = grid.getByRole('row').filter({ hasText: 'using loans_pkey' })
  await expect(loans).toContainText('Seq Scan')
  await expect(loans).toContainText(/Seq Scan → Index Scan/)
  await expect(loans.locator('td.compare-delta').first()).toHaveText(/^(−\d+ %|÷\d+)$/)
  await expect(loans.locator('td.compare-delta.verdict-better').first()).toBeVisible()
  // Nodes the new plan no longer needs are marked.
  await expect(grid.getByRole('row').filter({ hasText: 'only in A' }).first()).toBeVisible()

  // Clicking A's node shows the pair, and marks its match on B's side.
  await loans.locator('td[data-side="a"]').click()
  await expect(loans.locator('td[data-side="b"]')).toHaveClass(/match/)
  const details = view.getByRole('complementary', { name: 'Compared node' })
  await expect(details).toContainText('using loans_pkey')
  await expect(details.getByRole('list', { name: 'What changed' })).toContainText('Seq Scan → Index Scan')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-compare.png') })

  if ((await page.locator('html').getAttribute('data-theme')) !== 'dark') await page.keyboard.press('Control+Shift+L')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-compare-dark.png') })
  await page.keyboard.press('Control+Shift+L')

  // Swapping makes the old plan B: now it is the slower one.
  await totals.getByRole('button', { name: 'Swap A ⇄ B' }).click()
  await expect(totals).toContainText(/×[\d.]+ slower/)
  await totals.getByRole('button', { name: 'Close comparison' }).click()
  await expect(view.getByRole('img', { name: /Plan tree/ })).toBeVisible()
})

test('a pasted plan B compares with the plan shown; a broken one says which line', async ({ page }) => {
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  const plan = (scan: string, ms: string) =>
    [
      `Sort  (cost=10.00..11.00 rows=100 width=4) (actual time=${ms}..${ms} rows=100 loops=1)`,
      '  Sort Key: x',
      `  ->  ${scan}  (cost=0.00..9.00 rows=100 width=4) (actual time=0.010..${ms} rows=100 loops=1)`,
      `Execution Time: ${ms} ms`
    ].join('\n')
  if (!(await view.getByRole('textbox', { name: /Paste a plan/ }).isVisible())) await view.getByRole('button', { name: 'Paste a plan…' }).click()
  await view.getByRole('textbox', { name: /Paste a plan/ }).fill(plan('Seq Scan on t', '40.000'))
  await view.getByRole('button', { name: 'Show plan' }).click()
  await view.getByRole('button', { name: 'More plan actions' }).click()
  await view.getByRole('button', { name: 'Compare with…' }).click()
  await view.getByLabel(/Plan B/).fill('not a plan at all')
  await view.getByRole('button', { name: 'Compare', exact: true }).click()
  await expect(view.getByRole('alert')).toContainText('Line 1')
  await page.screenshot({ path: path.join(artifactsDir, 'plan-compare-pick.png') })
  await view.getByLabel(/Plan B/).fill(plan('Index Scan using t_x_idx on t', '8.000'))
  await view.getByRole('button', { name: 'Compare', exact: true }).click()
  await expect(view.getByRole('region', { name: 'Comparison totals' })).toContainText('Execution 40.0 ms → 8.00 ms ×5.0 faster')
  const scan = view.getByRole('table', { name: 'Plan comparison' }).getByRole('row').filter({ hasText: 't_x_idx' })
  await expect(scan).toContainText('Seq Scan → Index Scan · using t_x_idx')
  await expect(scan.locator('td.compare-delta').first()).toHaveText('−80 %')
})
