/**
 * When the next activity poll runs.
 *
 * pg_stat_activity costs the server time quadratic in its number of backends
 * (a quarter of a second and more at 10,000), so a poll every second would
 * keep a core a quarter busy just to be watched. The wait after a poll is at
 * least five times the poll's own duration: watching costs the server at
 * most a fifth of a core, and the chosen interval holds whenever polls are fast.
 */
export const pollCostShare = 5

export function nextPollDelay(intervalMs: number, lastPollMs: number): number {
  return Math.max(intervalMs, Math.round(lastPollMs * pollCostShare))
}
