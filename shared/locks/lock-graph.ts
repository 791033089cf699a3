/**
 * Who waits for whom: edges from a waiter to each session blocking it.
 *
 * Input is one snapshot: the lock rows of the tags somebody waits on, and
 * `pg_blocking_pids()` for the waiting sessions only. Each edge is labelled
 *   hard  — the blocker holds a granted lock on the same tag in a conflicting mode;
 *   soft  — the blocker holds nothing there but is queued ahead in a conflicting mode
 *           (the queued ALTER TABLE that blocks every later SELECT);
 *   prepared_xact — the blocker is a prepared transaction (pid 0).
 * Parallel workers are folded into their leader.
 */
import { modesConflict } from './lock-modes'

export interface LockRow {
  pid: number
  /** A stable key of the lock tag (locktype + database + relation + page + tuple + xid…). */
  tag: string
  locktype: string
  mode: string
  granted: boolean
  /** PG 14+: when the wait began; orders the queue. */
  waitStart: number | null
  relation: string | null
}

export interface LockEdge {
  waiterPid: number
  blockerPid: number
  kind: 'hard' | 'soft' | 'prepared_xact'
  /** The mode the waiter asks for. */
  mode: string
  /** The blocker's conflicting mode (held for hard edges, queued for soft ones). */
  blockerMode: string | null
  locktype: string
  relation: string | null
  /** When the waiter's wait began (PG 14+), to show each lock queue in order. */
  waitingSince: number | null
}

export function buildLockEdges(
  locks: LockRow[],
  blockingPids: Map<number, number[]>,
  leaderOf: Map<number, number>
): LockEdge[] {
  const leader = (pid: number) => leaderOf.get(pid) ?? pid
  const byTag = new Map<string, LockRow[]>()
  for (const lock of locks) {
    let rows = byTag.get(lock.tag)
    if (!rows) byTag.set(lock.tag, (rows = []))
    rows.push(lock)
  }
  const edges = new Map<string, LockEdge>()
  for (const wanted of locks) {
    if (wanted.granted) continue
    const blockers = blockingPids.get(wanted.pid) ?? []
    const sameTag = byTag.get(wanted.tag) ?? []
    for (const blockerPid of blockers) {
      const waiterPid = leader(wanted.pid)
      const blocker = blockerPid === 0 ? 0 : leader(blockerPid)
      if (blocker === waiterPid) continue
      let edge: LockEdge | null = null
      if (blockerPid === 0) {
        const held = sameTag.find((l) => l.pid === 0 && l.granted && modesConflict(l.mode, wanted.mode))
        edge = { waiterPid, blockerPid: 0, kind: 'prepared_xact', mode: wanted.mode, blockerMode: held?.mode ?? null, locktype: wanted.locktype, relation: wanted.relation, waitingSince: wanted.waitStart }
      } else {
        const blockerRows = sameTag.filter((l) => leader(l.pid) === blocker)
        const held = blockerRows.find((l) => l.granted && modesConflict(l.mode, wanted.mode))
        if (held) {
          edge = { waiterPid, blockerPid: blocker, kind: 'hard', mode: wanted.mode, blockerMode: held.mode, locktype: wanted.locktype, relation: wanted.relation, waitingSince: wanted.waitStart }
        } else {
          const queued = blockerRows.find((l) => !l.granted && modesConflict(l.mode, wanted.mode) && queuedAhead(l, wanted))
          // pg_blocking_pids() named it: a queue-order block even when waitstart is unknown (PG < 14).
          const mode = queued?.mode ?? blockerRows.find((l) => !l.granted)?.mode ?? null
          if (blockerRows.length > 0) edge = { waiterPid, blockerPid: blocker, kind: 'soft', mode: wanted.mode, blockerMode: mode, locktype: wanted.locktype, relation: wanted.relation, waitingSince: wanted.waitStart }
        }
      }
      if (edge) edges.set(`${edge.waiterPid}>${edge.blockerPid}>${wanted.tag}`, edge)
    }
  }
  return [...edges.values()].sort((a, b) => a.waiterPid - b.waiterPid || a.blockerPid - b.blockerPid)
}

function queuedAhead(blocker: LockRow, waiter: LockRow): boolean {
  if (blocker.waitStart === null || waiter.waitStart === null) return true
  return blocker.waitStart <= waiter.waitStart
}

/** Sessions that block others but wait for nobody: the ones to look at first. */
export function rootBlockers(edges: LockEdge[]): number[] {
  const waiting = new Set(edges.map((e) => e.waiterPid))
  return [...new Set(edges.map((e) => e.blockerPid))].filter((pid) => !waiting.has(pid)).sort((a, b) => a - b)
}
