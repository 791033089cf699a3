/**
 * A run's progress events: what changed since the last one, about ten a second.
 *
 * The service marks the statements it touches; an event carries those
 * entries only (a 10,000-statement script sends each entry a few times, not
 * the whole list on every event). The first rows of a result and the end of
 * the run go out at once; everything else waits for the next tick.
 */
import type { QueryRunProgress, QueryRunSnapshot } from '@shared/query/query-run'

const publishEveryMs = 100

export class RunProgress {
  private readonly dirty = new Set<number>()
  private lastPublish = 0
  private timer: NodeJS.Timeout | null = null

  constructor(
    readonly snapshot: QueryRunSnapshot,
    private readonly publish: (progress: QueryRunProgress) => void
  ) {}

  /** The statement's entry changed; `now` sends at once (the run's end, a result's first rows). */
  changed(index: number | null, now = false): void {
    if (index !== null) this.dirty.add(index)
    if (now) {
      if (this.timer) clearTimeout(this.timer)
      this.send()
      return
    }
    if (this.timer) return
    const wait = Math.max(0, publishEveryMs - (Date.now() - this.lastPublish))
    this.timer = setTimeout(() => this.send(), wait)
  }

  /** The run is over: what is still marked goes out now, and no timer is left behind. */
  end(): void {
    this.changed(null, true)
  }

  private send(): void {
    this.timer = null
    this.lastPublish = Date.now()
    const { snapshot } = this
    snapshot.elapsedMs = Date.now() - snapshot.startedAt
    const changed = [...this.dirty].sort((a, b) => a - b).map((i) => structuredClone(snapshot.results[i]!))
    this.dirty.clear()
    this.publish({ runId: snapshot.runId, backendPid: snapshot.backendPid, state: snapshot.state, elapsedMs: snapshot.elapsedMs, changed })
  }
}
