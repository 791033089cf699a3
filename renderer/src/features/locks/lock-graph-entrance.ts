/**
 * When each session and arrow of the lock graph makes its entrance in
 * presenter mode, so a room can follow the story one piece at a time.
 *
 * A poll often brings a whole chain at once (the scenario's four sessions
 * block within a tenth of a second). Shown together, the room sees a picture;
 * told in order, it sees the story: root blockers first, then each waiter
 * layer by layer, each arrow right after the later of its two sessions.
 * Delays are kept for as long as their item is on screen, because an element's
 * CSS animation is timed from its mount: a later render with another delay
 * would make it jump in early. Pure: no DOM.
 */
import type { LockEdge } from '@shared/locks/lock-graph'
import { edgeKey, type LockGraphLayout } from './lock-graph-layout'

export interface Entrances {
  /** Delay (ms) of each session's entrance, by pid. */
  nodes: ReadonlyMap<number, number>
  /** Delay (ms) of each arrow's entrance, by edgeKey. */
  edges: ReadonlyMap<string, number>
}

export const noEntrances: Entrances = { nodes: new Map(), edges: new Map() }

/** Between two entrances: long enough to say "and now this one waits". */
export const entranceStepMs = 450

export function assignEntrances(previous: Entrances, layout: LockGraphLayout, edges: readonly LockEdge[], stepMs = entranceStepMs): Entrances {
  const nodes = new Map<number, number>()
  const arrows = new Map<string, number>()
  // Still on screen: keep the delay it entered with.
  for (const n of layout.nodes) {
    const kept = previous.nodes.get(n.pid)
    if (kept !== undefined) nodes.set(n.pid, kept)
  }
  for (const e of edges) {
    const kept = previous.edges.get(edgeKey(e))
    if (kept !== undefined) arrows.set(edgeKey(e), kept)
  }
  const on = new Set(nodes.keys())
  let t = 0
  const arrowsNowPossible = () => {
    for (const e of edges) {
      const key = edgeKey(e)
      if (arrows.has(key) || !on.has(e.waiterPid) || !on.has(e.blockerPid)) continue
      arrows.set(key, t)
      t += stepMs
    }
  }
  arrowsNowPossible()
  const newcomers = layout.nodes.filter((n) => !nodes.has(n.pid)).sort((a, b) => a.column - b.column || a.row - b.row)
  for (const n of newcomers) {
    nodes.set(n.pid, t)
    on.add(n.pid)
    t += stepMs
    arrowsNowPossible()
  }
  return { nodes, edges: arrows }
}
