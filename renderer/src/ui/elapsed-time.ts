/** Durations as the toolbars and lists show them, and a clock for "running for …" timers. */
import { useEffect, useState } from 'react'

/** "12.3 ms", "1.25 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`
}

/** Milliseconds since `since`, ticking ten times a second; 0 while `since` is null. */
export function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (since === null) return
    const timer = setInterval(() => setNow(Date.now()), 100)
    return () => clearInterval(timer)
  }, [since])
  return since === null ? 0 : Math.max(0, now - since)
}
