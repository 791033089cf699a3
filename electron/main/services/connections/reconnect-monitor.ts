/**
 * Brings a lost connection back without the user doing anything.
 *
 * While the server is gone, a probe (`select 1` through the pool) runs with a
 * growing pause, 0.5 s up to 5 s; the first success ends the loop.
 */
export class ReconnectMonitor {
  private timer: NodeJS.Timeout | null = null
  private attempt = 0
  private stopped = false

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly onRecovered: () => void,
    private readonly delays = { firstMs: 500, maxMs: 5000 }
  ) {}

  get active(): boolean {
    return this.timer !== null
  }

  start(): void {
    if (this.timer || this.stopped) return
    this.attempt = 0
    this.schedule()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule() {
    const delay = Math.min(this.delays.firstMs * 2 ** this.attempt, this.delays.maxMs)
    this.timer = setTimeout(async () => {
      this.attempt += 1
      try {
        await this.probe()
        this.timer = null
        if (!this.stopped) this.onRecovered()
      } catch {
        if (!this.stopped) this.schedule()
      }
    }, delay)
    this.timer.unref?.()
  }
}
