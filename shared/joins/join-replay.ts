/**
 * The physical join, replayed on the sample: what the executor does with the
 * rows the logical steps showed.
 *
 * Nested Loop: each outer row against every inner row. Hash Join: the inner
 * side goes into a hash table (rows with a NULL key never do: = cannot match
 * NULL), each outer row looks in one bucket. Merge Join: both sides sorted on
 * the key, two cursors. Whether a compared pair matches is the server's
 * verdict; what the replay adds is which pairs each algorithm looks at, and
 * how many comparisons that costs.
 */
import type { JoinReplay, JoinStage } from './join-model'

export type JoinMethod = JoinReplay['method']
export const joinMethods: JoinMethod[] = ['Nested Loop', 'Hash Join', 'Merge Join']

export interface ReplayKey {
  /** Column index into the stage's left / right values. */
  left: number
  right: number
}

/** The equality the hash and merge joins use: `alias.column` of each side, as the stage labels them. */
export function stageKey(stage: JoinStage, keys: { left: { alias: string; column: string }; right: { alias: string; column: string } }[]): ReplayKey | null {
  for (const key of keys) {
    for (const [a, b] of [
      [key.left, key.right],
      [key.right, key.left]
    ] as const) {
      const left = stage.left.columns.indexOf(`${a.alias}.${a.column}`)
      const right = stage.right.columns.indexOf(`${b.alias}.${b.column}`)
      if (left >= 0 && right >= 0) return { left, right }
    }
  }
  return null
}

interface Sides {
  outer: { keys: (string | null)[] }
  inner: { keys: (string | null)[] }
  /** Verdict of (outer row, inner row). */
  matches: (outer: number, inner: number) => boolean
}

/** Replay `method` on a stage; `outer` says which logical side the plan reads as its outer input. */
export function replayJoin(stage: JoinStage, method: JoinMethod, outer: 'left' | 'right', key: ReplayKey | null, costs: Partial<Record<JoinMethod, number>> = {}): JoinReplay {
  const sides = sidesOf(stage, outer, key)
  const run = (m: JoinMethod) => (m === 'Hash Join' && key ? hashJoin(sides) : m === 'Merge Join' && key ? mergeJoin(sides) : nestedLoop(sides))
  const chosen = run(method)
  const labels = key ? { outer: stage[outer].columns[outer === 'left' ? key.left : key.right]!, inner: stage[outer === 'left' ? 'right' : 'left'].columns[outer === 'left' ? key.right : key.left]! } : null
  return {
    joinId: stage.id,
    method: key ? method : 'Nested Loop',
    outer,
    key: labels,
    comparisons: chosen.probes.reduce((n, p) => n + p.compared.length, 0),
    buckets: chosen.buckets,
    outerOrder: chosen.outerOrder,
    innerOrder: chosen.innerOrder,
    probes: chosen.probes,
    alternatives: (key ? joinMethods : (['Nested Loop'] as JoinMethod[])).map((m) => ({ method: m, comparisons: run(m).probes.reduce((n, p) => n + p.compared.length, 0), cost: costs[m] ?? null })),
    planCost: costs[method] ?? null
  }
}

function sidesOf(stage: JoinStage, outer: 'left' | 'right', key: ReplayKey | null): Sides {
  const verdict = new Map(stage.pairs.map((p) => [`${p.left},${p.right}`, p.on]))
  const keysOf = (side: 'left' | 'right') => stage[side].values.map((v) => (key ? (v[side === 'left' ? key.left : key.right] ?? null) : ''))
  const inner = outer === 'left' ? 'right' : 'left'
  return {
    outer: { keys: keysOf(outer) },
    inner: { keys: keysOf(inner) },
    matches: (o, i) => (outer === 'left' ? verdict.get(`${o},${i}`) : verdict.get(`${i},${o}`)) === true
  }
}

type Run = Pick<JoinReplay, 'buckets' | 'outerOrder' | 'innerOrder' | 'probes'>

const indexes = (n: number) => Array.from({ length: n }, (_, i) => i)

function nestedLoop(s: Sides): Run {
  const inner = indexes(s.inner.keys.length)
  const outerOrder = indexes(s.outer.keys.length)
  return { buckets: [], outerOrder, innerOrder: inner, probes: outerOrder.map((o) => ({ outer: o, compared: inner, matched: inner.filter((i) => s.matches(o, i)) })) }
}

/** Numbers hash by value (1 and 1.0 meet), anything else by its text. */
function normalise(key: string): string {
  const n = Number(key)
  return key.trim() !== '' && Number.isFinite(n) ? String(n) : key
}

export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5
  for (const ch of normalise(key)) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0
  return h % buckets
}

function hashJoin(s: Sides): Run {
  const count = Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(1, s.inner.keys.length))))
  const table = new Map<number, number[]>()
  s.inner.keys.forEach((k, i) => {
    if (k === null) return
    const b = bucketOf(k, count)
    table.set(b, [...(table.get(b) ?? []), i])
  })
  const outerOrder = indexes(s.outer.keys.length)
  const probes = outerOrder.map((o) => {
    const k = s.outer.keys[o]
    const compared = k === null || k === undefined ? [] : (table.get(bucketOf(k, count)) ?? [])
    return { outer: o, compared, matched: compared.filter((i) => s.matches(o, i)) }
  })
  const buckets = indexes(count).map((b) => ({ bucket: b, rows: table.get(b) ?? [] }))
  return { buckets, outerOrder, innerOrder: indexes(s.inner.keys.length), probes }
}

function compareKeys(a: string, b: string): number {
  const x = Number(a)
  const y = Number(b)
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}

function mergeJoin(s: Sides): Run {
  const sorted = (keys: (string | null)[]) =>
    indexes(keys.length)
      .filter((i) => keys[i] !== null)
      .sort((a, b) => compareKeys(keys[a]!, keys[b]!) || a - b)
  const outerOrder = sorted(s.outer.keys)
  const innerOrder = sorted(s.inner.keys)
  let mark = 0
  const probes = outerOrder.map((o) => {
    const compared: number[] = []
    for (let k = mark; k < innerOrder.length; k++) {
      const i = innerOrder[k]!
      compared.push(i)
      const c = compareKeys(s.outer.keys[o]!, s.inner.keys[i]!)
      if (c > 0) mark = k + 1
      if (c < 0) break
    }
    return { outer: o, compared, matched: compared.filter((i) => s.matches(o, i)) }
  })
  return { buckets: [], outerOrder, innerOrder, probes }
}
