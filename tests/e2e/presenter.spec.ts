/**
 * Presenter mode on a sandbox plan, as a trainer uses it: one key hides the
 * chrome and makes the type large; the step reveal walks the plan leaves
 * first, one node per key press, with the node's explanation and numbers;
 * a tab switch keeps the mode; the button brings the chrome back.
 */
import path from 'node:path'
import { expect, test, type Locator } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'
import { explainRoomQuery } from './support/room-plan'
import { sandboxUrl, startLockChain } from './support/lock-chain'
import { graphGeometry } from './support/lock-graph-geometry'

/** Font size on screen of an SVG text: its CSS size times the zoom of the drawing. */
async function screenFontSize(text: Locator): Promise<number> {
  return text.evaluate((el: SVGTextElement) => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM()!.a)
}

test('presenter mode: F8 hides the chrome, the step reveal walks the plan leaves first by keyboard with explanations in large type, and the button brings the chrome back', async ({ page }) => {
  await openConnectedApp(page)
  const view = await explainRoomQuery(page)
  const tree = view.getByRole('img', { name: /Plan tree/ })
  const total = Number((await tree.getAttribute('aria-label'))!.match(/(\d+) nodes/)![1])
  expect(total).toBeGreaterThanOrEqual(5)
  const sidebar = page.getByRole('complementary', { name: 'Sidebar' })
  await expect(sidebar).toBeVisible()
  await expect(view.getByLabel('Colour by')).toBeVisible()

  await page.keyboard.press('F8')
  await expect(page.getByRole('button', { name: 'Exit presenter' })).toHaveAttribute('aria-pressed', 'true')
  // The chrome is gone: sidebar, connection header, status bar, the plan's own toolbar.
  await expect(sidebar).toBeHidden()
  await expect(page.getByRole('button', { name: /Switch to the (dark|light) theme/ })).toBeHidden()
  await expect(view.getByLabel('Colour by')).toBeHidden()
  await expect(view.getByRole('button', { name: 'Export SVG' })).toBeHidden()
  const controls = view.getByRole('toolbar', { name: 'Presenter controls' })
  await expect(controls).toBeVisible()

  // The step reveal starts with the first node to run, alone: a leaf, explained.
  await page.keyboard.press('r')
  const position = controls.getByRole('status', { name: 'Walk position' })
  await expect(position).toHaveText(`Revealed 1 of ${total}`)
  const shownCards = tree.locator('.plan-node:not(.concealed)')
  await expect(shownCards).toHaveCount(1)
  // The others are empty outlines (those near the view are drawn: the tree draws only what is on screen).
  expect(await tree.locator('.plan-node.concealed').count()).toBeGreaterThanOrEqual(1)
  await expect(tree.locator('.plan-node.concealed').first()).not.toHaveText(/./)
  const panel = view.getByRole('complementary', { name: 'Node explanation' })
  await expect(panel).toContainText('Runs first of')
  await expect(panel.getByRole('heading')).toContainText('Scan')
  await page.screenshot({ path: path.join(artifactsDir, 'presenter-plan-reveal-1.png') })

  // Three steps forward by keyboard: the arrow, n, and a clicker's Page Down.
  const titles: string[] = [(await panel.getByRole('heading').textContent())!]
  for (const key of ['ArrowRight', 'n', 'PageDown']) {
    await page.keyboard.press(key)
    await expect(position).toHaveText(`Revealed ${titles.length + 1} of ${total}`)
    titles.push((await panel.getByRole('heading').textContent())!)
  }
  await expect(shownCards).toHaveCount(4)
  await expect(tree.getByRole('button')).toHaveCount(4)
  // What the room sees: four cards, each one of the nodes explained on the way, the newest selected.
  const cardNames = await shownCards.evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')!))
  for (const title of titles) expect(cardNames.some((name) => title.startsWith(name.split(' ')[0]!))).toBe(true)
  await expect(tree.locator('.plan-node.selected')).toHaveCount(1)
  expect(titles[3]).toContain((await tree.locator('.plan-node.selected').getAttribute('aria-label'))!.split(' on ')[0]!.split(' using ')[0]!.trim())
  // The explanation, its numbers, where its rows go.
  await expect(panel.locator('.presenter-what')).toHaveText(/\w{4,}.{30,}/)
  const figures = panel.getByRole('definition')
  await expect(panel.getByText('Rows', { exact: true })).toBeVisible()
  await expect(panel.getByText('Time', { exact: true })).toBeVisible()
  await expect(panel.getByText('Loops', { exact: true })).toBeVisible()
  await expect(figures.first()).toHaveText(/\d/)
  await expect(panel).toContainText('Its rows go up to')

  // Large type: the explanation and the figures, and the cards of the tree on screen.
  const px = (locator: Locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(await px(panel.locator('.presenter-what'))).toBeGreaterThanOrEqual(26)
  expect(await px(figures.first())).toBeGreaterThanOrEqual(32)
  expect(await px(panel.getByRole('heading'))).toBeGreaterThanOrEqual(32)
  expect(await screenFontSize(shownCards.first().locator('.plan-node-title'))).toBeGreaterThanOrEqual(20)
  expect(await screenFontSize(shownCards.first().locator('.plan-node-figures'))).toBeGreaterThanOrEqual(16)
  // Every revealed card is inside the window.
  const viewport = page.viewportSize()!
  for (const box of await shownCards.evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.left).toBeGreaterThanOrEqual(0)
    expect(box.right).toBeLessThanOrEqual(viewport.width)
    expect(box.bottom).toBeLessThanOrEqual(viewport.height)
  }
  await page.screenshot({ path: path.join(artifactsDir, 'presenter-plan-reveal-4.png') })

  // One step back hides the newest node again.
  await page.keyboard.press('p')
  await expect(position).toHaveText(`Revealed 3 of ${total}`)
  await expect(panel.getByRole('heading')).toHaveText(titles[2]!)

  // The mode survives a tab switch: the Activity tab is presented too, and the plan is where it was.
  await page.getByRole('tab', { name: 'Activity' }).click()
  await expect(sidebar).toBeHidden()
  await page.getByRole('tab', { name: 'Plan' }).click()
  await expect(position).toHaveText(`Revealed 3 of ${total}`)

  // The shortcut is listed.
  await page.keyboard.press('ControlOrMeta+/')
  const help = page.getByTestId('shortcuts-help')
  await expect(help.getByRole('row').filter({ hasText: 'Presenter mode on or off' })).toContainText('F8')
  await expect(help.getByRole('row').filter({ hasText: 'Presenter: next node' })).toContainText('Page Down')
  await help.getByRole('button', { name: 'Close' }).click()

  // Off: the chrome and the plan's toolbar are back, and every node is shown.
  await page.getByRole('button', { name: 'Exit presenter' }).click()
  await expect(sidebar).toBeVisible()
  await expect(page.getByRole('button', { name: /Switch to the (dark|light) theme/ })).toBeVisible()
  await expect(view.getByLabel('Colour by')).toBeVisible()
  await expect(tree.locator('.plan-node.concealed')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute('aria-pressed', 'false')
  expect(await px(page.locator('html'))).toBeLessThan(18)
})

test('presenter mode on the lock graph: the sessions of the scenario enter one after another, then the graph is large and whole', async ({ page }) => {
  await openConnectedApp(page)
  await page.getByRole('tab', { name: 'Locks' }).click()
  const view = page.getByRole('region', { name: 'Locks' })
  await page.getByRole('button', { name: 'Present' }).click()
  await view.getByRole('button', { name: 'Start the blocking scenario' }).click()
  const graph = view.getByRole('img', { name: /Lock graph/ })
  try {
    await expect(graph.locator('.lock-node')).toHaveCount(4)
    // The chain arrives in one poll, and is told one session at a time: not all four are there yet.
    const opaque = () => graph.locator('.lock-node').evaluateAll((nodes) => nodes.filter((n) => Number(getComputedStyle(n).opacity) > 0.9).length)
    expect(await opaque()).toBeLessThan(4)
    await page.screenshot({ path: path.join(artifactsDir, 'presenter-locks-entering.png') })
    await expect.poll(opaque, { timeout: 8_000 }).toBe(4)
    await expect.poll(() => graph.locator('.lock-edge').evaluateAll((edges) => edges.every((e) => Number(getComputedStyle(e).opacity) > 0.9)), { timeout: 8_000 }).toBe(true)
    // The queues make way for the drawing; its smallest text is large, and it is whole.
    await expect(view.getByRole('region', { name: 'Lock queues' })).toBeHidden()
    const presented = await graphGeometry(graph)
    expect(presented.inside).toBe(true)
    expect(presented.crossings).toEqual([])
    await page.screenshot({ path: path.join(artifactsDir, 'presenter-locks.png') })
    // Beside the chrome again: the same chain is clearly smaller there.
    await page.keyboard.press('F8')
    await expect(view.getByRole('region', { name: 'Lock queues' })).toBeVisible()
    await expect.poll(async () => (await graphGeometry(graph)).smallestFont).toBeLessThan(presented.smallestFont)
    const normal = await graphGeometry(graph)
    expect(presented.smallestFont).toBeGreaterThanOrEqual(17)
    expect(presented.smallestFont).toBeGreaterThanOrEqual(normal.smallestFont * 1.25)
  } finally {
    await view.getByRole('button', { name: 'Stop the blocking scenario' }).click()
  }
})

test('presenter mode on the lock graph: a chain of 2, 3 or 4 sessions is drawn at least 1.25× larger than beside the chrome (17 px or more), whole, no arrow under a box, at 1400×900 and 1920×1080', async ({ page }) => {
  test.setTimeout(120_000)
  await openConnectedApp(page)
  const url = await sandboxUrl(page)
  await page.getByRole('tab', { name: 'Locks' }).click()
  const view = page.getByRole('region', { name: 'Locks' })
  const graph = view.getByRole('img', { name: /Lock graph/ })
  const sidebar = page.getByRole('complementary', { name: 'Sidebar' })
  for (const sessions of [2, 3, 4]) {
    const chain = await startLockChain(url, sessions)
    try {
      // The graph shows the test's chain and nothing else.
      await expect(graph.locator('.lock-node')).toHaveCount(sessions)
      for (const pid of chain.pids) await expect(graph.locator(`.lock-node[data-pid="${pid}"]`)).toHaveCount(1)
      for (const size of [{ width: 1400, height: 900 }, { width: 1920, height: 1080 }]) {
        await page.setViewportSize(size)
        // Fitted once the canvas has its new size (a ResizeObserver, then a render).
        await expect.poll(async () => (await graphGeometry(graph)).inside).toBe(true)
        const normal = await graphGeometry(graph)
        await page.keyboard.press('F8')
        await expect(sidebar).toBeHidden()
        await expect.poll(async () => (await graphGeometry(graph)).smallestFont, { message: `${sessions} sessions at ${size.width}×${size.height}` }).toBeGreaterThanOrEqual(Math.max(17, normal.smallestFont * 1.25))
        const presented = await graphGeometry(graph)
        expect(presented.inside, 'the drawing inside its canvas').toBe(true)
        expect(presented.crossings, 'arrows under boxes').toEqual([])
        console.log(`${sessions} sessions at ${size.width}×${size.height}: ${normal.smallestFont.toFixed(1)} px in ${normal.canvas.width.toFixed(0)}×${normal.canvas.height.toFixed(0)}, presenter ${presented.smallestFont.toFixed(1)} px in ${presented.canvas.width.toFixed(0)}×${presented.canvas.height.toFixed(0)}`)
        if (sessions === 4) {
          // Switched on, presenter mode tells the graph again, one session after another: the picture once all are in.
          await expect.poll(() => graph.locator('.lock-edge').evaluateAll((edges) => edges.every((e) => Number(getComputedStyle(e).opacity) > 0.9)), { timeout: 8_000 }).toBe(true)
          await page.waitForTimeout(900)
          await page.screenshot({ path: path.join(artifactsDir, `presenter-locks-chain-${size.width}x${size.height}.png`) })
        }
        await page.keyboard.press('F8')
        await expect(sidebar).toBeVisible()
      }
      await page.setViewportSize({ width: 1400, height: 900 })
    } finally {
      await chain.stop()
    }
    await expect(view.getByText('No session is waiting for a lock.')).toBeVisible()
  }
})

test('presenter mode on the join stepper: only the stepping stays, larger, and Page Down steps', async ({ page }) => {
  test.setTimeout(120_000)
  await openConnectedApp(page)
  await typeSql(page, 'select m.id, m.full_name, l.id as loan_id from members m left join loans l on l.member_id = m.id')
  await page.getByRole('button', { name: 'Step through joins' }).click()
  const view = page.getByRole('region', { name: 'Join stepper' })
  await expect(view.getByText('Step 1 of', { exact: false })).toBeVisible({ timeout: 30_000 })
  const narrationSize = () => view.locator('.join-narration').evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * ((el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth) || 1))
  const before = await narrationSize()
  await page.keyboard.press('F8')
  await expect(page.getByRole('complementary', { name: 'Sidebar' })).toBeHidden()
  await expect(view.getByLabel('Rows per table')).toBeHidden()
  await expect(view.getByLabel('Join query')).toBeHidden()
  expect(await narrationSize()).toBeGreaterThan(before * 1.15)
  // A presentation clicker's Page Down steps; Page Up steps back.
  await page.keyboard.press('PageDown')
  await expect(view.getByText('Step 2 of', { exact: false })).toBeVisible()
  await page.keyboard.press('n')
  await expect(view.getByText('Step 3 of', { exact: false })).toBeVisible()
  await page.keyboard.press('PageUp')
  await expect(view.getByText('Step 2 of', { exact: false })).toBeVisible()
  await page.screenshot({ path: path.join(artifactsDir, 'presenter-joins.png') })
  await page.keyboard.press('Escape')
  await expect(page.getByRole('complementary', { name: 'Sidebar' })).toBeVisible()
  await expect(view.getByLabel('Rows per table')).toBeVisible()
})
