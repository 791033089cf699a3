/**
 * Follows runs the way the renderer does: every `query.progress` delta folded
 * into the run's snapshot. Keeps each folded state, and what the events weighed.
 */
import { applyRunProgress, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'
import type { QueryRunService } from '../../../../electron/core/services/query/query-run-service'

export interface RunWatcher {
  publish: (progress: QueryRunProgress) => void
  /** Every folded state, oldest first. */
  seen: QueryRunSnapshot[]
  /** Events and their JSON bytes, per run. */
  events: Map<string, { count: number; bytes: number }>
}

export function watchRuns(service: () => QueryRunService): RunWatcher {
  const folded = new Map<string, QueryRunSnapshot>()
  const watcher: RunWatcher = {
    seen: [],
    events: new Map(),
    publish: (progress) => {
      const weight = watcher.events.get(progress.runId) ?? { count: 0, bytes: 0 }
      weight.count += 1
      weight.bytes += JSON.stringify(progress).length
      watcher.events.set(progress.runId, weight)
      // A delta may come before start() returned: the service's own view is the base then.
      const base = folded.get(progress.runId) ?? service().snapshot(progress.runId)
      if (!base) return
      const next = applyRunProgress(base, progress)
      folded.set(progress.runId, next)
      watcher.seen.push(next)
    }
  }
  return watcher
}
