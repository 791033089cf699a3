/**
 * A node's 12 buffer counters (shared, local, temp × hit, read, dirtied,
 * written) in a slot of a flat Float64Array, so sums and differences over
 * thousands of nodes need no object per node.
 */
import { noBufferCounts, type BufferCounts, type NodeBuffers } from '../model/plan-model'

export const counterCount = 12

export function writeCounters(to: Float64Array, at: number, buffers: NodeBuffers): void {
  const { shared, local, temp } = buffers
  to[at] = shared.hit
  to[at + 1] = shared.read
  to[at + 2] = shared.dirtied
  to[at + 3] = shared.written
  to[at + 4] = local.hit
  to[at + 5] = local.read
  to[at + 6] = local.dirtied
  to[at + 7] = local.written
  to[at + 8] = temp.hit
  to[at + 9] = temp.read
  to[at + 10] = temp.dirtied
  to[at + 11] = temp.written
}

function countsAt(from: ArrayLike<number>, at: number): BufferCounts {
  const hit = from[at]!
  const read = from[at + 1]!
  const dirtied = from[at + 2]!
  const written = from[at + 3]!
  return hit === 0 && read === 0 && dirtied === 0 && written === 0 ? noBufferCounts : { hit, read, dirtied, written }
}

/** Exclusive buffers of a node that counted none, shared by all such nodes. */
export const noBuffers: NodeBuffers = Object.freeze({ shared: noBufferCounts, local: noBufferCounts, temp: noBufferCounts })

export function buffersOfCounters(from: ArrayLike<number>, at: number): NodeBuffers {
  return { shared: countsAt(from, at), local: countsAt(from, at + 4), temp: countsAt(from, at + 8) }
}
