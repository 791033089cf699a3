import { readdirSync, readFileSync } from 'node:fs'

/**
 * Live processes whose command line mentions `needle` (zombies excluded: this
 * container's PID 1 does not reap, and a zombie holds no resources).
 */
export function liveProcessesMentioning(needle: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')
      if (!cmdline.includes(needle)) continue
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      if (state !== 'Z') found.push(Number(entry))
    } catch {
      // The process ended while we looked.
    }
  }
  return found
}

/** Wait until no live process mentions `needle`; returns those still there at the deadline. */
export async function waitForNoProcessMentioning(needle: string, timeoutMs = 15_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs
  let live = liveProcessesMentioning(needle)
  while (live.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200))
    live = liveProcessesMentioning(needle)
  }
  return live
}
