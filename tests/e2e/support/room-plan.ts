/** The sandbox plan the presenter and room specs show: a join, an aggregate, a sort and a limit (7 nodes). */
import { expect, type Locator, type Page } from '@playwright/test'
import { typeSql } from './e2e-env'

/** Its first node to run is a scan (the Hash Join's inner side), and its slowest node is not the root. */
export const roomQuery = 'select c.name, count(*) from members m join countries c on c.code = m.country_code where m.id <= 20000 group by c.name order by count(*) desc limit 5'

/** Explain Analyze of the room query from the SQL tab; the Plan view, with its tree on screen. */
export async function explainRoomQuery(page: Page): Promise<Locator> {
  await typeSql(page, roomQuery)
  await page.getByRole('button', { name: 'Explain Analyze' }).click()
  const view = page.getByRole('region', { name: 'Plan' })
  await expect(view.getByRole('img', { name: /Plan tree/ })).toBeVisible()
  return view
}
