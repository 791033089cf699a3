/**
 * A heartbeat on the page: the longest pause between two animation frames is
 * how long the page froze, and every text the plan's status line showed.
 */
import type { Page } from '@playwright/test'

export interface Heartbeat {
  longest: number
  frames: number
  statuses: string[]
}

/** Starts the heartbeat; the returned function reads it. */
export async function startHeartbeat(page: Page): Promise<() => Promise<Heartbeat>> {
  await page.evaluate(() => {
    const beat = { last: performance.now(), longest: 0, frames: 0, statuses: [] as string[] }
    ;(window as unknown as { heartbeat: typeof beat }).heartbeat = beat
    const tick = (now: number) => {
      beat.longest = Math.max(beat.longest, now - beat.last)
      beat.last = now
      beat.frames++
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    new MutationObserver(() => {
      const status = document.querySelector('.plan-view [role="status"]')?.textContent
      if (status && beat.statuses.at(-1) !== status) beat.statuses.push(status)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as { heartbeat: Heartbeat }).heartbeat)
}
