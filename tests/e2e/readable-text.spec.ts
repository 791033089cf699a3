/**
 * Every tab read from the back of a room: at 1400×900, no visible text in the
 * page's HTML is set below 13 px. (SVG drawings have their own checks: their
 * text scales with the zoom, see plan.spec and locks.spec.)
 */
import { expect, test, type Page } from '@playwright/test'
import { openConnectedApp, typeSql } from './support/e2e-env'

const minimumPx = 13

interface SmallText {
  text: string
  px: number
  where: string
}

/** Visible text nodes whose computed font size is under the minimum, with a hint of where they are. */
async function smallTexts(page: Page): Promise<SmallText[]> {
  return page.evaluate((minimum) => {
    const found: SmallText[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim()
      const parent = node.parentElement
      if (!text || !parent || parent.closest('svg, [hidden], [aria-hidden="true"]')) continue
      const box = parent.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > innerHeight) continue
      const style = getComputedStyle(parent)
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue
      const px = parseFloat(style.fontSize)
      if (px < minimum) {
        const where = [parent.tagName.toLowerCase(), ...Array.from(parent.classList).map((name) => `.${name}`)].join('')
        // One entry per kind of element, so a grid of small cells reads as one finding.
        if (!found.some((entry) => entry.where === where)) found.push({ text: text.slice(0, 40), px: Math.round(px * 10) / 10, where })
      }
    }
    return found
  }, minimumPx)
}

test('no text on any tab is smaller than 13 px at 1400×900', async ({ page }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await typeSql(page, 'select * from members order by 1 limit 40')
  await page.keyboard.press('ControlOrMeta+Enter')
  const workspace = page.getByRole('region', { name: 'SQL' })
  await expect(workspace.getByRole('grid').first()).toBeVisible()
  expect(await smallTexts(page), 'SQL tab with a result').toEqual([])

  await workspace.getByRole('button', { name: 'Explain Analyze' }).click()
  await expect(page.getByRole('region', { name: 'Plan' })).toBeVisible()
  expect(await smallTexts(page), 'Plan tab').toEqual([])

  for (const tab of ['Activity', 'Locks', 'Vacuum']) {
    await page.getByRole('tab', { name: tab, exact: true }).click()
    await expect(page.getByRole('region', { name: tab })).toBeVisible()
    // Live tabs fill in after their first poll.
    await page.waitForTimeout(1500)
    expect(await smallTexts(page), `${tab} tab`).toEqual([])
  }

  await page.getByRole('tab', { name: 'SQL', exact: true }).click()
  await typeSql(page, 'select m.id, m.full_name, l.id as loan_id from members m left join loans l on l.member_id = m.id')
  await page.getByRole('button', { name: 'Step through joins' }).click()
  const stepper = page.getByRole('region', { name: 'Join stepper' })
  await expect(stepper.getByText('Step 1 of', { exact: false })).toBeVisible({ timeout: 30_000 })
  expect(await smallTexts(page), 'Joins tab, first step').toEqual([])
  await stepper.getByRole('button', { name: 'Step', exact: true }).click()
  await expect(stepper.getByRole('table', { name: 'Candidate pairs' })).toBeVisible()
  expect(await smallTexts(page), 'Joins tab, candidate pairs').toEqual([])
})
