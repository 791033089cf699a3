/**
 * A run's progress events: what changed since the last one, about ten a second.
 *
 * The service marks the statements it touches; an event carries those
 * entries only (a 10,000-statement script sends each entry a few times, not
 * the whole list on every event). The end of the run goes out at once, a
 * result's first rows within a frame, everything else within 100 ms.
 *
 * A streaming result's first rows (a screenful) ride along with its first
 * events, so the grid draws them with the first count instead of asking for
 * a page and waiting behind the rows the main process is still taking in.
 */
import { firstRowsSent, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'

/** A result's first rows as memory holds them (never a disk read): at most `limit`. */
export type FirstRowsReader = (index: number, limit: number) => Array<Array<string | null>>

const publishEveryMs = 100
/** News (a result's first rows) waits at most a frame, so thousands of tiny results are not thousands of events. */
const newsEveryMs = 16

export class RunProgress {
  private readonly dirty = new Set<number>()
  private lastPublish = 0
  private timer: NodeJS.Timeout | null = null
  private timerDue = 0
  /** First rows sent so far, per result; a result leaves once it has a screenful (or ended). */
  private readonly firstRowsShipped = new Map<number, number>()

  constructor(
    readonly snapshot: QueryRunSnapshot,
    private readonly publish: (progress: QueryRunProgress) => void,
    private readonly readFirstRows: FirstRowsReader = () => []
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
    const firstRows = this.firstRows(changed)
    this.publish({
      runId: snapshot.runId,
      seq: snapshot.progressSeq,
      backendPid: snapshot.backendPid,
      state: snapshot.state,
      elapsedMs: snapshot.elapsedMs,
      changed,
      ...(firstRows.length > 0 ? { firstRows } : {})
    })
  }

  private firstRows(changed: QueryRunProgress['changed']): NonNullable<QueryRunProgress['firstRows']> {
    const out: NonNullable<QueryRunProgress['firstRows']> = []
    for (const result of changed) {
      const shipped = this.firstRowsShipped.get(result.index) ?? 0
      // Only while rows stream: a finished result's pages are answered at once (a script of 10,000 small results
      // would otherwise carry every one's rows).
      if (!result.returnsRows || result.status !== 'running' || shipped >= firstRowsSent || (result.rowCount ?? 0) <= shipped) continue
      const rows = this.readFirstRows(result.index, firstRowsSent)
      if (rows.length <= shipped) continue
      // Rows cut by the reader's byte budget (wide JSON) are not sent again: the grid pages the rest in.
      this.firstRowsShipped.set(result.index, rows.length)
      out.push({ index: result.index, rows })
    }
    return out
  }
}
