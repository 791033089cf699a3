/**
 * The join stepper from the editor: a LEFT JOIN on the sandbox, stepped to the
 * end (the padded rows are there and look padded), then the hash join replayed.
 * Each stage is saved as a screenshot, light and dark.
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { artifactsDir, openConnectedApp, typeSql } from './support/e2e-env'

test('a LEFT JOIN stepped to the end shows its padded rows, then the hash join replay', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await typeSql(page, 'select m.id, m.full_name, l.id as loan_id, l.loaned_at from members m left join loans l on l.member_id = m.id')
  await page.getByRole('button', { name: 'Step through joins' }).click()
  const view = page.getByRole('region', { name: 'Join stepper' })
  await expect(view.getByText('Step 1 of', { exact: false })).toBeVisible({ timeout: 30_000 })
  await expect(view.getByRole('table', { name: 'Input m' })).toBeVisible()
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(artifactsDir, `joins-${name}.png`) })
  }
  await shot('1-inputs')

  await view.getByRole('button', { name: 'Step', exact: true }).click()
  await expect(view.getByRole('status', { name: 'Counter' })).toContainText(/\d+ × \d+ = \d+ candidate pairs/)
  await expect(view.getByRole('table', { name: 'Candidate pairs' })).toBeVisible()
  await shot('2-grid')

  // The keyboard steps too: → to the ON verdicts.
  await page.keyboard.press('ArrowRight')
  await expect(view.locator('.join-cell.join-false').first()).toContainText('✗')
  await shot('3-verdicts')

  await page.keyboard.press('Space')
  await expect(view.getByRole('table', { name: 'Join output' })).toBeVisible()
  await shot('4-matched')

  await page.keyboard.press('ArrowRight')
  await expect(view.getByRole('heading', { name: 'LEFT JOIN keeps the unmatched rows' })).toBeVisible()
  const padded = view.locator('.join-padded')
  await expect(padded.first()).toBeVisible()
  await expect(padded.first()).toContainText('NULL')
  await shot('5-padded')

  // ← goes back, → again, then on to the end.
  await page.keyboard.press('ArrowLeft')
  await expect(view.getByRole('heading', { name: 'Matched pairs go to the result' })).toBeVisible()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect(view.getByRole('heading', { name: 'The result' })).toBeVisible()
  const result = view.getByRole('table', { name: 'Result' })
  await expect(result.locator('.join-padded').first()).toBeVisible()
  // Trace: hovering a result row lights up the member it came from.
  await result.locator('tbody tr').first().hover()
  await expect(view.getByRole('table', { name: 'Input m' }).locator('tr.join-traced')).toHaveCount(1)
  await shot('6-result')
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot('6-result-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  await view.getByRole('button', { name: 'Physical replay' }).click()
  const replay = view.getByRole('region', { name: 'Physical replay' })
  await replay.getByRole('button', { name: /^Hash Join/ }).click()
  await expect(replay.getByLabel('Hash table')).toBeVisible()
  await expect(replay.getByRole('status')).toContainText(/\d+ comparisons/)
  await expect(replay.getByRole('table', { name: 'Algorithms compared' })).toContainText('Merge Join')
  await shot('7-hash-replay')
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot('7-hash-replay-dark')
})

test('the picker: members LEFT JOIN loans on the member id, SQL shown, stepped to the padded rows and the end', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await openConnectedApp(page)
  await page.getByRole('tab', { name: 'Joins' }).click()
  const view = page.getByRole('region', { name: 'Join stepper' })
  const picker = view.locator('.join-picker')
  await picker.getByLabel('Table 1', { exact: true }).selectOption('public.members', { timeout: 30_000 })
  await picker.getByLabel('Table 2', { exact: true }).selectOption('public.loans')
  await picker.getByLabel('Join type 1').selectOption('LEFT')
  await picker.getByLabel('Condition 1').selectOption('on')
  await picker.getByLabel('Left column 1').selectOption('0:id')
  await picker.getByLabel('Right column 1').selectOption('member_id')
  await expect(view.getByRole('checkbox', { name: 'Pick interesting rows' })).toBeChecked()
  await expect(view.getByRole('spinbutton', { name: 'Rows per table' })).toHaveValue('6')
  await page.screenshot({ path: path.join(artifactsDir, 'joins-picker-0-form.png') })
  await picker.getByRole('button', { name: 'Step through this join' }).click()

  await expect(view.getByText('Step 1 of', { exact: false })).toBeVisible({ timeout: 30_000 })
  // The learner sees the SQL the picker stands for, written by the engine from the parse tree.
  await expect(view.getByLabel('Join query')).toHaveValue('SELECT * FROM public.members AS m LEFT JOIN public.loans AS l ON m.id = l.member_id')
  await expect(view.getByRole('table', { name: 'Input m' }).locator('tbody tr')).toHaveCount(6)
  await page.screenshot({ path: path.join(artifactsDir, 'joins-picker-1-inputs.png') })

  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
  await expect(view.getByRole('heading', { name: 'LEFT JOIN keeps the unmatched rows' })).toBeVisible()
  await expect(view.locator('.join-padded').first()).toContainText('NULL')
  await view.locator('.join-padded').last().scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(artifactsDir, 'joins-picker-2-padded.png') })

  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect(view.getByRole('heading', { name: 'The result' })).toBeVisible()
  await expect(view.getByRole('table', { name: 'Result' }).locator('.join-padded').first()).toBeVisible()
  await view.getByRole('table', { name: 'Result' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(artifactsDir, 'joins-picker-3-result.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: path.join(artifactsDir, 'joins-picker-3-result-dark.png') })
})

test('a table created in the SQL tab can be picked when the Joins tab is shown again', async ({ page }) => {
  await openConnectedApp(page)
  await page.getByRole('tab', { name: 'Joins' }).click()
  const picker = page.getByRole('region', { name: 'Join stepper' }).locator('.join-picker')
  await expect(picker.getByLabel('Table 1', { exact: true }).locator('option', { hasText: 'members' })).toHaveCount(1, { timeout: 30_000 })
  await expect(picker.getByLabel('Table 1', { exact: true }).locator('option', { hasText: 'picker_fresh' })).toHaveCount(0)
  await page.getByRole('tab', { name: 'SQL' }).click()
  await typeSql(page, 'create table picker_fresh (id int)')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByRole('region', { name: 'SQL' }).getByText('CREATE TABLE').first()).toBeVisible()
  try {
    await page.getByRole('tab', { name: 'Joins' }).click()
    await expect(picker.getByLabel('Table 1', { exact: true }).locator('option', { hasText: 'picker_fresh' })).toHaveCount(1)
  } finally {
    await page.getByRole('tab', { name: 'SQL' }).click()
    await typeSql(page, 'drop table picker_fresh')
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(page.getByRole('region', { name: 'SQL' }).getByText('DROP TABLE').first()).toBeVisible()
  }
})
