/**
 * What changed between two polls of a keyed list (activity's sessions by pid).
 *
 * The watcher keeps the previous poll's rows as the server sent them and
 * compares them cell by cell, so an unchanged session costs a few string
 * comparisons and no allocation; only what changed is turned into the
 * contract's objects and sent. Comparing cells instead of a serialized copy
 * (one JSON.stringify per session per poll) is what keeps a 10,000-session
 * poll cheap in the main process.
 */

export type Cells = ReadonlyArray<string | null>

export interface KeyedDiff<K, T> {
  /** New or changed items, in the order they came. Every item when there was no previous poll. */
  changed: T[]
  /** Keys of the previous poll that are gone. Empty when there was no previous poll. */
  removed: K[]
  /** This poll's items by key: the next call's `previous`. */
  next: Map<K, T>
}

/** `previous` null: a first (full) poll, everything is new and nothing is removed. */
export function diffByKey<K, T>(previous: ReadonlyMap<K, T> | null, items: readonly T[], keyOf: (item: T) => K, same: (a: T, b: T) => boolean): KeyedDiff<K, T> {
  const next = new Map<K, T>()
  const changed: T[] = []
  for (const item of items) {
    const key = keyOf(item)
    next.set(key, item)
    const before = previous?.get(key)
    if (before === undefined || !same(before, item)) changed.push(item)
  }
  const removed: K[] = []
  if (previous) for (const key of previous.keys()) if (!next.has(key)) removed.push(key)
  return { changed, removed, next }
}

/** Two rows of raw cells are equal when every cell is. */
export function sameCells(a: Cells, b: Cells): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
