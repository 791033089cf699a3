import { describe, expect, it } from 'vitest'
import type { LockEdge } from '@shared/locks/lock-graph'
import { layoutLockGraph } from '../../../../../renderer/src/features/locks/lock-graph-layout'
import { assignEntrances, noEntrances } from '../../../../../renderer/src/features/locks/lock-graph-entrance'

const edge = (waiterPid: number, blockerPid: number, kind: LockEdge['kind'] = 'hard'): LockEdge => ({ waiterPid, blockerPid, kind, mode: 'AccessShareLock', blockerMode: null, locktype: 'relation', relation: 'public.loans', waitingSince: null })

/** The scenario's chain: B waits for A, C for A and B, D is queued behind C. */
const chain = [edge(2, 1), edge(3, 1), edge(3, 2), edge(4, 3, 'soft')]

/** Items in the order they enter: "A", "B", "B>A"… */
function story(entrances: ReturnType<typeof assignEntrances>): string[] {
  const name = (pid: number) => String.fromCharCode(64 + pid)
  const items = [...[...entrances.nodes].map(([pid, t]) => ({ label: name(pid), t })), ...[...entrances.edges].map(([key, t]) => ({ label: key.split('>').map((p) => name(Number(p))).join('>'), t }))]
  return items.sort((a, b) => a.t - b.t).map((i) => i.label)
}

describe('lock graph entrances in presenter mode', () => {
  it('tell a chain that arrives in one poll as a story: the root blocker, then each waiter followed by its arrows', () => {
    const entrances = assignEntrances(noEntrances, layoutLockGraph(chain), chain, 100)
    expect(story(entrances)).toEqual(['A', 'B', 'B>A', 'C', 'C>A', 'C>B', 'D', 'D>C'])
    expect(new Set([...entrances.nodes.values(), ...entrances.edges.values()]).size).toBe(8)
  })

  it('keep the delay of what is already on screen, and let only the newcomers enter, at once', () => {
    const first = assignEntrances(noEntrances, layoutLockGraph(chain.slice(0, 1)), chain.slice(0, 1), 100)
    const next = assignEntrances(first, layoutLockGraph(chain), chain, 100)
    expect(next.nodes.get(1)).toBe(first.nodes.get(1))
    expect(next.nodes.get(2)).toBe(first.nodes.get(2))
    expect(next.edges.get('2>1')).toBe(first.edges.get('2>1'))
    // C's arrows to sessions already shown come right after C.
    expect(next.nodes.get(3)).toBe(0)
    expect(next.edges.get('3>1')).toBe(100)
    expect(next.edges.get('3>2')).toBe(200)
  })

  it('forget what left, so a session that comes back enters again', () => {
    const all = assignEntrances(noEntrances, layoutLockGraph(chain), chain, 100)
    const fewer = assignEntrances(all, layoutLockGraph(chain.slice(0, 1)), chain.slice(0, 1), 100)
    expect([...fewer.nodes.keys()].sort()).toEqual([1, 2])
    expect([...fewer.edges.keys()]).toEqual(['2>1'])
  })
})
