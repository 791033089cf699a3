/**
 * `tusk locks --db <url> [--json]`: the current lock graph, from the same code
 * the activity watcher uses. Readable as a tree, or one JSON object.
 */
import pg from 'pg'
import type { LockSnapshot } from '@shared/locks/lock-snapshot'
import { readLockSnapshot } from '../core/services/locks/lock-snapshot-reader'

export async function locksCommand(options: { db: string; json: boolean }, out: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: options.db, application_name: 'Tusk monitor' })
  await client.connect()
  try {
    const versionNum = Number((await client.query<{ server_version_num: string }>('show server_version_num')).rows[0]!.server_version_num)
    const snapshot = await readLockSnapshot(client, versionNum)
    if (options.json) {
      out(JSON.stringify({ edges: snapshot.edges, sessions: snapshot.sessions }))
    } else {
      for (const line of renderLockTree(snapshot)) out(line)
    }
    return 0
  } finally {
    await client.end()
  }
}

/** Root blockers first, each waiter indented under what it waits for. */
export function renderLockTree(snapshot: LockSnapshot): string[] {
  if (snapshot.edges.length === 0) return ['No session is waiting for a lock.']
  const sessions = new Map(snapshot.sessions.map((s) => [s.pid, s]))
  const waitersOf = new Map<number, typeof snapshot.edges>()
  for (const edge of snapshot.edges) {
    const list = waitersOf.get(edge.blockerPid) ?? []
    list.push(edge)
    waitersOf.set(edge.blockerPid, list)
  }
  const describe = (pid: number) => {
    const s = sessions.get(pid)
    const query = s?.query ? s.query.replace(/\s+/g, ' ').slice(0, 70) : ''
    return `${pid === 0 ? 'prepared transaction' : `pid ${pid}`}${s?.user ? ` ${s.user}` : ''}${s?.state ? ` (${s.state})` : ''}${query ? `: ${query}` : ''}`
  }
  const lines: string[] = []
  const walk = (pid: number, depth: number, seen: Set<number>) => {
    for (const edge of waitersOf.get(pid) ?? []) {
      const on = edge.relation ?? edge.locktype
      const cycle = seen.has(edge.waiterPid)
      lines.push(`${'  '.repeat(depth + 1)}└─ ${describe(edge.waiterPid)}  waits for ${edge.mode} on ${on} [${edge.kind}${edge.blockerMode ? `, holder ${edge.blockerMode}` : ''}]${cycle ? '  ⟲ deadlock cycle' : ''}`)
      if (!cycle) walk(edge.waiterPid, depth + 1, new Set([...seen, edge.waiterPid]))
    }
  }
  const roots = snapshot.rootBlockers.length > 0 ? snapshot.rootBlockers : [snapshot.edges[0]!.blockerPid]
  for (const root of roots) {
    lines.push(describe(root))
    walk(root, 0, new Set([root]))
  }
  return lines
}
