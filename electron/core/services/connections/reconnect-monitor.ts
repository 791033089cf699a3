/**
 * Brings a lost connection back without the user doing anything.
 *
 * While the server is away, a probe runs with a growing pause, 0.5 s doubling
 * up to 5 s; the first success ends the loop. A failure that waiting will not
 * fix (the password was changed, the database dropped) ends it too, so the
 * user is told instead of watching "reconnecting…" forever.
 */
export interface ReconnectMonitorOptions {
  /** One attempt: resolves when the server answers a query again. */
  probe: () => Promise<void>
  /** Whether this failure is worth another attempt (server still away) or final. */
  shouldRetry: (error: unknown) => boolean
  onRecovered: () => void
  onGaveUp: (error: unknown) => void
  /** After each failed attempt that will be retried, e.g. to show the latest reason. */
  onAttemptFailed?: (error: unknown, nextDelayMs: number) => void
  firstDelayMs?: number
  maxDelayMs?: number
}

export class ReconnectMonitor {
  private timer: NodeJS.Timeout | null = null
  private running = false
  private attempt = 0
  /** Bumped by stop(): a probe that answers after it is ignored. */
  private generation = 0

  constructor(private readonly options: ReconnectMonitorOptions) {}

  /** True from start() until recovery, giving up, or stop(). */
  get active(): boolean {
    return this.running
  }

  /** Begin probing; calling it again while active changes nothing. */
  start(): void {
    if (this.running) return
    this.running = true
    this.attempt = 0
    this.schedule(this.generation)
  }

  stop(): void {
    this.generation += 1
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private delay(): number {
    const first = this.options.firstDelayMs ?? 500
    return Math.min(first * 2 ** this.attempt, this.options.maxDelayMs ?? 5000)
  }

  private schedule(generation: number) {
    this.timer = setTimeout(() => void this.tryOnce(generation), this.delay())
    this.timer.unref?.()
  }

  private async tryOnce(generation: number) {
    this.timer = null
    this.attempt += 1
    try {
      await this.options.probe()
    } catch (error) {
      if (generation !== this.generation) return
      if (this.options.shouldRetry(error)) {
        this.options.onAttemptFailed?.(error, this.delay())
        this.schedule(generation)
      } else {
        this.running = false
        this.options.onGaveUp(error)
      }
      return
    }
    if (generation !== this.generation) return
    this.running = false
    this.options.onRecovered()
  }
}
