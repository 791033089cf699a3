/**
 * Activity watchers per server, running only while someone listens to
 * `activity.update`; and cancel / terminate of a backend.
 */
import type { ActivityUpdate } from '@shared/activity/activity-snapshot'
import { connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { refuseActionOnReadOnly } from '../../postgres/read-only-guard'
import { sideSessionConfig } from '../../postgres/side-session'
import { ActivityWatcher, type LockGraphReader } from './activity-watcher'

export interface ActivityServiceOptions {
  pools: PoolProvider
  /** How a poll reads the lock graph (the locks service's reader). */
  readLocks: LockGraphReader
  publish: (update: ActivityUpdate) => void
  /** Whether any client listens to activity updates now. */
  hasListeners: () => boolean
}

export class ActivityService {
  private readonly watchers = new Map<string, ActivityWatcher>()

  constructor(private readonly options: ActivityServiceOptions) {}

  watch(connectionId: string, intervalMs: number): { watching: boolean } {
    const pool = this.options.pools.pool(connectionId)
    let watcher = this.watchers.get(connectionId)
    if (!watcher) {
      watcher = new ActivityWatcher({ connectionId, intervalMs, publish: this.options.publish, clientConfig: () => sideSessionConfig(pool), readLocks: this.options.readLocks })
      this.watchers.set(connectionId, watcher)
    } else {
      watcher.setInterval(intervalMs)
    }
    if (this.options.hasListeners()) watcher.start()
    return { watching: true }
  }

  async unwatch(connectionId: string): Promise<{ watching: boolean }> {
    await this.watchers.get(connectionId)?.dispose()
    this.watchers.delete(connectionId)
    return { watching: false }
  }

  /** Listeners came or went: pause every watcher when nobody looks. */
  listenersChanged(): void {
    const listening = this.options.hasListeners()
    for (const watcher of this.watchers.values()) {
      if (listening) watcher.start()
      else watcher.stop()
    }
  }

  /** pg_cancel_backend / pg_terminate_backend; the server's permission errors come back as they are. */
  async signal(connectionId: string, pid: number, action: 'cancel' | 'terminate'): Promise<{ signalled: boolean }> {
    refuseActionOnReadOnly(this.options.pools, connectionId, action === 'cancel' ? 'cancelling other sessions' : 'terminating other sessions')
    const fn = action === 'cancel' ? 'pg_cancel_backend' : 'pg_terminate_backend'
    try {
      const result = await this.options.pools.pool(connectionId).query<{ ok: boolean }>(`select ${fn}($1) as ok`, [pid])
      return { signalled: result.rows[0]?.ok === true }
    } catch (error) {
      throw connectionError(this.options.pools, connectionId, error)
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.dispose()))
    this.watchers.clear()
  }
}

