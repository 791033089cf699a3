/**
 * A run's progress events: what changed since the last one, about ten a second.
 *
 * The service marks the statements it touches; an event carries those
 * entries only (a 10,000-statement script sends each entry a few times, not
 * the whole list on every event). The end of the run goes out at once, a
 * result's first rows within a frame, everything else within 100 ms.
 */
import type { QueryRunProgress, QueryRunSnapshot } from '@shared/query/query-run'

const publishEveryMs = 100
/** News (a result's first rows) waits at most a frame, so thousands of tiny results are not thousands of events. */
const newsEveryMs = 16

export class RunProgress {
  private readonly dirty = new Set<number>()
  private lastPublish = 0
  private timer: NodeJS.Timeout | null = null
  private timerDue = 0

  constructor(
    readonly snapshot: QueryRunSnapshot,
    private readonly publish: (progress: QueryRunProgress) => void
  ) {}

  /** The statement's entry changed; `news` goes out within a frame instead of the next tick. */
  changed(index: number, news = false): void {
    this.dirty.add(index)
    const due = this.lastPublish + (news ? newsEveryMs : publishEveryMs)
    if (this.timer && this.timerDue <= due) return
    if (this.timer) clearTimeout(this.timer)
    this.timerDue = due
    this.timer = setTimeout(() => this.send(), Math.max(0, due - Date.now()))
  }

  /** The run is over: what is still marked goes out now, and no timer is left behind. */
  end(): void {
    if (this.timer) clearTimeout(this.timer)
    this.send()
  }

  private send(): void {
    this.timer = null
    this.lastPublish = Date.now()
    const { snapshot } = this
    snapshot.elapsedMs = Date.now() - snapshot.startedAt
    snapshot.progressSeq += 1
    const changed = [...this.dirty].sort((a, b) => a - b).map((i) => structuredClone(snapshot.results[i]!))
    this.dirty.clear()
    this.publish({ runId: snapshot.runId, seq: snapshot.progressSeq, backendPid: snapshot.backendPid, state: snapshot.state, elapsedMs: snapshot.elapsedMs, changed })
  }
}
