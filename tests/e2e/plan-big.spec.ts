/**
 * Big plans in the tree: a 10,000-node plan opens readable, only the cards in
 * view are drawn, an overview shows where the view is, far out cards become
 * plain boxes; the whole tree exports as PNG. Screenshots in light and dark.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { widePlan } from '../../bench/support/generated-plans'
import { artifactsDir, e2eAppUrl } from './support/e2e-env'

async function openPlan(page: Page, name: string, text: string) {
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  if (!(await view.getByRole('textbox', { name: /Paste a plan/ }).isVisible())) await view.getByRole('button', { name: 'Paste a plan…' }).click()
  await view.locator('input[type=file]').first().setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
  return view
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

async function exportPng(page: Page, view: ReturnType<Page['getByRole']>, copyTo: string) {
  const download = page.waitForEvent('download')
  await view.getByRole('button', { name: 'Export PNG' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('plan.png')
  const bytes = readFileSync((await saved.path())!)
  writeFileSync(path.join(artifactsDir, copyTo), bytes)
  return pngSize(bytes)
}

test('a 10,000-node plan opens readable, draws only what is in view, and has an overview to move around', async ({ page }) => {
  const view = await openPlan(page, 'plan-10k.json', widePlan(10_000))
  const tree = view.getByRole('img', { name: 'Plan tree: 10001 nodes' })
  await expect(tree.getByRole('button', { name: /^Append/ })).toBeVisible()
  // As opened: the root and its costliest children, readable, with the big-plan note.
  await expect(view.getByRole('note').filter({ hasText: 'A big plan' })).toBeVisible()
  await expect(tree.locator('.plan-node-title').first()).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'plan-big-10k.png') })

  // The grid holds only the rows in view, and scrolls to the last node.
  await view.getByRole('tab', { name: 'Grid' }).click()
  const grid = view.getByRole('table', { name: 'Plan nodes' })
  await expect(grid.locator('tbody tr').first()).toContainText('Append')
  expect(await grid.locator('tbody tr').count()).toBeLessThan(150)
  await view.locator('.plan-grid-scroll').evaluate((scroller) => scroller.scrollTo(0, scroller.scrollHeight))
  await expect(grid.locator('tbody tr:not(.plan-grid-spacer)').last()).toContainText('10000')
  await view.getByRole('tab', { name: 'Tree' }).click()

  // All 2,500 subtrees under the Append: laid out, but only those in view drawn.
  await tree.getByRole('button', { name: /Show \d+ more children/ }).click()
  const overview = view.getByRole('img', { name: /Plan overview/ })
  await expect(overview).toBeVisible()
  expect(Number((await overview.getAttribute('aria-label'))!.match(/(\d+) nodes/)![1])).toBeGreaterThan(2500)
  expect(await tree.locator('.plan-node').count()).toBeLessThan(150)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-big-10k-expanded.png') })

  // The overview moves the view: a click at its far end draws other cards.
  const box = (await overview.boundingBox())!
  await page.mouse.click(box.x + box.width - 3, box.y + box.height / 2)
  // Cards are numbered left to right: at the far right only the last subtrees are drawn.
  await expect
    .poll(async () => Math.min(...(await tree.locator('.plan-node:not(.selected)').evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-node-id')))))))
    .toBeGreaterThan(9000)

  // Far out, cards are plain coloured boxes (no text to draw), still clickable.
  const frame = (await tree.boundingBox())!
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2)
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 300)
  await expect(tree.locator('.plan-node-title')).toHaveCount(0)
  await expect.poll(() => tree.locator('.plan-node').count()).toBeGreaterThan(20)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-big-10k-far.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'plan-big-10k-far-dark.png') })
})

test('a big plan as opened, in dark, and its PNG export shows the folded tree readable', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  const view = await openPlan(page, 'plan-10k.json', widePlan(10_000))
  const tree = view.getByRole('img', { name: 'Plan tree: 10001 nodes' })
  await expect(tree.getByRole('button', { name: /^Append/ })).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'plan-big-10k-dark.png') })
  // The PNG is the whole tree as folded now, at twice the screen scale.
  const size = await exportPng(page, view, 'plan-export-big.png')
  expect(size.width).toBeGreaterThan(2 * 6 * 250)
  expect(size.height).toBeGreaterThan(2 * 2 * 96)
})

test('a small plan in light and dark, without an overview; PNG and SVG exports hold every card', async ({ page }) => {
  const small = JSON.parse(widePlan(9)) as Array<{ Plan: unknown }>
  const view = await openPlan(page, 'plan-small.json', JSON.stringify(small))
  const tree = view.getByRole('img', { name: 'Plan tree: 9 nodes' })
  await expect(tree.locator('.plan-node')).toHaveCount(9)
  await expect(view.getByRole('img', { name: /Plan overview/ })).toHaveCount(0)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-small-light.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'plan-small-dark.png') })
  const size = await exportPng(page, view, 'plan-export-small.png')
  expect(size.width).toBeGreaterThan(2 * 3 * 250)

  const download = page.waitForEvent('download')
  await view.getByRole('button', { name: 'Export SVG' }).click()
  const svg = readFileSync((await (await download).path())!, 'utf8')
  expect(svg.match(/class="plan-node[ "]/g)).toHaveLength(9)
})
