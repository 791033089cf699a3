/**
 * A big pasted plan is read in a worker: the page says "Reading plan…", keeps
 * answering clicks while it reads, and opens the tree. When the worker cannot
 * start, the plan is read on the page instead; a broken big plan gives its
 * message either way.
 */
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { widePlan } from '../../bench/support/generated-plans'
import { artifactsDir, e2eAppUrl } from './support/e2e-env'
import { startHeartbeat } from './support/frame-gaps'

const workerScript = '**/plan-parse-worker*.js'

/** A plan of about 20,000 nodes (13 MB of JSON), generated as the plan-render bench does; with its node count. */
function bigPlan(): { text: string; nodes: number } {
  const text = widePlan(20_000)
  return { text, nodes: text.split('"Node Type"').length - 1 }
}

async function pastePlan(page: Page, text: string) {
  await page.goto(e2eAppUrl)
  await page.getByRole('tab', { name: 'Plan' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  const box = view.getByRole('textbox', { name: /Paste a plan/ })
  // As a paste lands: the text in the box at once, then one input event (fill() of 13 MB crawls through the trace).
  await box.evaluate((area: HTMLTextAreaElement, plan) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, plan)
    area.dispatchEvent(new Event('input', { bubbles: true }))
  }, text)
  await expect(box).not.toHaveValue('')
  return view
}

test('a pasted 20,000-node plan is read in the background: the page says so, answers clicks meanwhile, and opens the tree', async ({ page }) => {
  const { text, nodes } = bigPlan()
  // The worker's script is held until the test has clicked around, so "while it reads" is certain, not a race.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(workerScript, async (route) => {
    await held
    await route.continue()
  })
  const view = await pastePlan(page, text)
  await view.getByRole('button', { name: 'Show plan' }).click()
  await expect(view.getByRole('status')).toHaveText(/^Reading plan…/)

  // Meanwhile the app answers: the theme switches, twice.
  const html = page.locator('html')
  const theme = await html.getAttribute('data-theme')
  await page.getByRole('button', { name: /Switch to the (dark|light) theme/ }).click()
  await expect(html).not.toHaveAttribute('data-theme', theme!)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-worker-reading.png') })
  await page.getByRole('button', { name: /Switch to the (dark|light) theme/ }).click()
  await expect(html).toHaveAttribute('data-theme', theme!)
  await expect(view.getByRole('status')).toHaveText(/^Reading plan…/)

  // From here the worker reads, and the page takes the plan in: watch its frames (not before: a screenshot holds them).
  const heartbeat = await startHeartbeat(page)
  const started = Date.now()
  release()
  await expect(view.getByRole('img', { name: `Plan tree: ${nodes} nodes` })).toBeVisible({ timeout: 60_000 })
  await expect(view.getByRole('status')).toHaveCount(0)
  const tookMs = Date.now() - started
  const watched = await heartbeat()
  console.log(`20,000-node plan: tree ${tookMs} ms after the worker was let load; statuses ${JSON.stringify(watched.statuses)}; longest frame gap ${watched.longest.toFixed(0)} ms`)
  // Once read, the note counted the nodes while the page took the plan in.
  expect(watched.statuses).toContain(`Reading plan… ${nodes.toLocaleString('en-US')} nodes`)
  // The page took the plan in a few thousand nodes at a time and kept painting: its longest freeze (the first render,
  // and advice sending the 13 MB plan to the engine) is a part of the wait, where reading it on the page would freeze
  // it for nearly all of it.
  expect(watched.longest).toBeLessThan(tookMs / 2)
  expect(watched.frames).toBeGreaterThan(5)
  await expect(view).toContainText(`${nodes} nodes`)
  await page.screenshot({ path: path.join(artifactsDir, 'plan-worker-opened.png') })
})

test('when the worker cannot load, the big plan is read on the page and opens all the same', async ({ page }) => {
  const { text, nodes } = bigPlan()
  let asked = 0
  await page.route(workerScript, (route) => (asked++, route.abort()))
  const view = await pastePlan(page, text)
  await view.getByRole('button', { name: 'Show plan' }).click()
  await expect(view.getByRole('img', { name: `Plan tree: ${nodes} nodes` })).toBeVisible({ timeout: 60_000 })
  expect(asked).toBe(1)
  await expect(view.getByRole('status')).toHaveCount(0)
})

test('a broken big plan read in the worker gives its message and keeps the text to fix', async ({ page }) => {
  const text = bigPlan().text
  const broken = text.slice(0, text.length / 2)
  const view = await pastePlan(page, broken)
  await view.getByRole('button', { name: 'Show plan' }).click()
  await expect(view.getByRole('alert')).toContainText(/The JSON plan cannot be read: .+ the plan looks truncated/, { timeout: 60_000 })
  await expect(view.getByRole('alert')).toContainText(/^Line \d+:/)
  await expect(view.getByRole('status')).toHaveCount(0)
  expect(await view.getByRole('textbox', { name: /Paste a plan/ }).inputValue()).toHaveLength(broken.length)
})
