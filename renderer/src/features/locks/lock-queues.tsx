/**
 * The lock queue of each contested table, in order: who holds it, then who
 * waits, oldest first — so a queued ALTER TABLE in front of every later SELECT
 * (the classic migration outage) reads top to bottom.
 */
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import type { LockEdge } from '@shared/locks/lock-graph'

export function LockQueues({ edges, sessions }: { edges: LockEdge[]; sessions: Map<number, ActivitySession> }) {
  const byRelation = new Map<string, LockEdge[]>()
  for (const edge of edges) {
    if (edge.locktype !== 'relation' || !edge.relation) continue
    byRelation.set(edge.relation, [...(byRelation.get(edge.relation) ?? []), edge])
  }
  if (byRelation.size === 0) return null
  const describe = (pid: number) => {
    const query = sessions.get(pid)?.query?.replace(/\s+/g, ' ').slice(0, 60)
    return query ? `pid ${pid}: ${query}` : `pid ${pid}`
  }
  return (
    <section className="lock-queues" aria-label="Lock queues">
      {[...byRelation.entries()].map(([relation, list]) => {
        const waiters = new Map<number, LockEdge>()
        for (const e of list) if (!waiters.has(e.waiterPid)) waiters.set(e.waiterPid, e)
        const holders = [...new Set(list.filter((e) => e.kind === 'hard' && !waiters.has(e.blockerPid)).map((e) => e.blockerPid))]
        const queue = [...waiters.values()].sort((a, b) => (a.waitingSince ?? 0) - (b.waitingSince ?? 0) || a.waiterPid - b.waiterPid)
        return (
          <div key={relation} className="lock-queue">
            <h4>{relation}</h4>
            <ol>
              {holders.map((pid) => (
                <li key={`h${pid}`} className="holder">
                  <strong>holds</strong> {list.find((e) => e.blockerPid === pid && e.kind === 'hard')?.blockerMode} — {describe(pid)}
                </li>
              ))}
              {queue.map((e) => (
                <li key={`w${e.waiterPid}`}>
                  <strong>waits</strong> for {e.mode} — {describe(e.waiterPid)}
                </li>
              ))}
            </ol>
          </div>
        )
      })}
    </section>
  )
}
