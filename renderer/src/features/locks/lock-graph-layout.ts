/**
 * Where each session and each arrow goes in the lock graph: a layered drawing.
 *
 * Root blockers sit in the top layer, each waiter one layer below the lowest
 * of what it waits for (its longest chain). An arrow that skips layers (an
 * ALTER blocked both by the open transaction and by a writer queued behind
 * it) passes through a narrow slot of its own in each layer it crosses, so
 * no arrow ever runs under a session's box: between two layers there are no
 * boxes, and inside a layer it keeps to its slot. Layers are ordered by the
 * mean position of their neighbours (a few sweeps) to keep arrows short and
 * uncrossed. Sessions on a cycle (a deadlock in the making) are marked, and
 * their edges too. No DOM: sizes are computed.
 *
 * Boxes come in two shapes: stacked (four short lines, narrow) and wide (three
 * long lines, shorter). A chain is as tall as its layers, so on a wide canvas
 * (presenter mode, the chrome gone) the wide shape lets the same chain be
 * drawn larger; lock-graph-fit.ts picks the shape that does.
 */
import type { LockEdge } from '@shared/locks/lock-graph'

export interface PlacedNode {
  pid: number
  /** The layer (0 = root blockers, on top). */
  column: number
  /** Order among the sessions of its layer. */
  row: number
  x: number
  y: number
  onCycle: boolean
  isRoot: boolean
}

export interface RoutedEdge {
  key: string
  /** From the waiter's top edge up to the blocker's bottom edge, through a slot in each layer between. */
  points: Array<[number, number]>
}

export interface LockGraphLayout {
  nodes: PlacedNode[]
  edges: Map<string, RoutedEdge>
  width: number
  height: number
  cycleEdges: Set<string>
  /** The boxes' shape every node of this layout has. */
  box: BoxShape
}

export interface BoxShape {
  kind: 'stacked' | 'wide'
  width: number
  height: number
  /** Room between layers for the arrows (what a session waits for is written in its box). */
  layerGap: number
}

/** Title, wait, facts and query on four lines. */
export const stackedBox: BoxShape = { kind: 'stacked', width: 316, height: 106, layerGap: 56 }
/**
 * Title; wait and facts; query: three lines of twice the length, and shorter
 * arrows (still a stem above the arrowhead), so a chain of four is 472 units
 * tall instead of 592: drawn a quarter larger in the same height.
 */
export const wideBox: BoxShape = { kind: 'wide', width: 640, height: 82, layerGap: 48 }
// Between siblings, a margin.
const siblingGap = 40
const slotWidth = 24

export function edgeKey(edge: Pick<LockEdge, 'waiterPid' | 'blockerPid'>): string {
  return `${edge.waiterPid}>${edge.blockerPid}`
}

/** A session or an arrow's slot in one layer. */
interface Item {
  pid: number | null
  layer: number
  width: number
  up: Item[]
  down: Item[]
  x: number
  order: number
}

/** Longest distance from a root, with cycles cut where they close. */
function layersOf(pids: number[], edges: LockEdge[]) {
  const blockersOf = new Map<number, number[]>()
  for (const e of edges) blockersOf.set(e.waiterPid, [...(blockersOf.get(e.waiterPid) ?? []), e.blockerPid])
  const layer = new Map<number, number>()
  const onCycle = new Set<number>()
  const cycleEdges = new Set<string>()
  const visiting = new Set<number>()
  const depth = (pid: number): number => {
    const known = layer.get(pid)
    if (known !== undefined) return known
    visiting.add(pid)
    let d = 0
    for (const blocker of blockersOf.get(pid) ?? []) {
      if (visiting.has(blocker)) {
        onCycle.add(pid)
        onCycle.add(blocker)
        cycleEdges.add(`${pid}>${blocker}`)
        continue
      }
      d = Math.max(d, depth(blocker) + 1)
    }
    visiting.delete(pid)
    layer.set(pid, d)
    return d
  }
  for (const pid of pids) depth(pid)
  return { layer, onCycle, cycleEdges }
}

const centre = (item: Item) => item.x + item.width / 2
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

/** Order each layer by its neighbours' mean order, sweeping down then up. */
function orderLayers(layers: Item[][]): void {
  const sweep = (range: number[], neighbours: (item: Item) => Item[]) => {
    for (const l of range) {
      const layer = layers[l]!
      const key = new Map(layer.map((item) => [item, neighbours(item).length ? mean(neighbours(item).map((n) => n.order)) : item.order]))
      layer.sort((a, b) => key.get(a)! - key.get(b)! || a.order - b.order)
      layer.forEach((item, i) => (item.order = i))
    }
  }
  const down = layers.map((_, i) => i).slice(1)
  for (let pass = 0; pass < 2; pass++) {
    sweep(down, (item) => item.up)
    sweep([...down].reverse().map((l) => l - 1), (item) => item.down)
  }
  sweep(down, (item) => item.up)
}

/** Put each item under (or over) the mean of its neighbours, in order, without overlaps. */
function placeLayer(layer: Item[], neighbours: (item: Item) => Item[]): void {
  const wanted = layer.map((item) => (neighbours(item).length ? mean(neighbours(item).map(centre)) - item.width / 2 : item.x))
  let right = -Infinity
  layer.forEach((item, i) => {
    item.x = Math.max(wanted[i]!, right + (right === -Infinity ? 0 : siblingGap))
    right = item.x + item.width
  })
  // Pushing right drifts the layer: move it back by the mean drift.
  const drift = mean(layer.map((item, i) => item.x - wanted[i]!))
  for (const item of layer) item.x -= drift
}

function placeAll(layers: Item[][]): void {
  let x = 0
  for (const item of layers[0] ?? []) {
    item.x = x
    x += item.width + siblingGap
  }
  for (let pass = 0; pass < 3; pass++) {
    for (let l = 1; l < layers.length; l++) placeLayer(layers[l]!, (item) => item.up)
    for (let l = layers.length - 2; l >= 0; l--) placeLayer(layers[l]!, (item) => item.down)
  }
  for (let l = 1; l < layers.length; l++) placeLayer(layers[l]!, (item) => item.up)
}

/** Where arrows meet a box: spread along its edge in the order of their other ends. */
function ports(item: Item, others: Item[]): Map<Item, number> {
  const sorted = [...others].sort((a, b) => centre(a) - centre(b))
  return new Map(sorted.map((other, i) => [other, item.x + (item.width * (i + 1)) / (sorted.length + 1)]))
}

export function layoutLockGraph(edges: LockEdge[], box: BoxShape = stackedBox): LockGraphLayout {
  const pids = [...new Set(edges.flatMap((e) => [e.blockerPid, e.waiterPid]))].sort((a, b) => a - b)
  const { layer, onCycle, cycleEdges } = layersOf(pids, edges)
  const layerCount = Math.max(0, ...layer.values()) + 1
  const layers: Item[][] = Array.from({ length: layerCount }, () => [])
  const add = (pid: number | null, l: number, width: number) => {
    const item: Item = { pid, layer: l, width, up: [], down: [], x: 0, order: layers[l]!.length }
    layers[l]!.push(item)
    return item
  }
  const items = new Map(pids.map((pid) => [pid, add(pid, layer.get(pid)!, box.width)]))
  // Each arrow as a chain from its upper end to its lower end, a slot in every layer between.
  const chains = new Map<string, Item[]>()
  for (const e of edges) {
    const key = edgeKey(e)
    if (chains.has(key)) continue
    let upper = items.get(e.blockerPid)!
    let lower = items.get(e.waiterPid)!
    // A cycle's closing arrow points down: route it like the others, drawn the other way.
    const reversed = upper.layer > lower.layer
    if (reversed) [upper, lower] = [lower, upper]
    const chain = [upper]
    for (let l = upper.layer + 1; l < lower.layer; l++) chain.push(add(null, l, slotWidth))
    chain.push(lower)
    for (let i = 1; i < chain.length; i++) {
      chain[i - 1]!.down.push(chain[i]!)
      chain[i]!.up.push(chain[i - 1]!)
    }
    chains.set(key, reversed ? chain : [...chain].reverse())
  }
  orderLayers(layers)
  placeAll(layers)
  const left = Math.min(0, ...layers.flat().map((item) => item.x))
  for (const item of layers.flat()) item.x -= left
  const top = (item: Item) => item.layer * (box.height + box.layerGap)

  const topPorts = new Map([...items.values()].map((item) => [item, ports(item, item.up)]))
  const bottomPorts = new Map([...items.values()].map((item) => [item, ports(item, item.down)]))
  const routed = new Map<string, RoutedEdge>()
  for (const [key, chain] of chains) {
    // chain runs waiter → blocker (upwards) unless the arrow closes a cycle downwards.
    const points: Array<[number, number]> = []
    chain.forEach((item, i) => {
      if (item.pid === null) {
        // Through its slot, entering on the side the previous point is on.
        const x = centre(item)
        const fromBelow = chain[i - 1]!.layer > item.layer
        points.push([x, fromBelow ? top(item) + box.height : top(item)], [x, fromBelow ? top(item) : top(item) + box.height])
        return
      }
      const neighbour = i === 0 ? chain[1]! : chain[i - 1]!
      const above = neighbour.layer < item.layer
      const x = above ? topPorts.get(item)!.get(neighbour)! : bottomPorts.get(item)!.get(neighbour)!
      points.push([x, above ? top(item) : top(item) + box.height])
    })
    routed.set(key, { key, points })
  }

  const waiting = new Set(edges.map((e) => e.waiterPid))
  const nodes: PlacedNode[] = layers.flatMap((items, l) =>
    items
      .filter((item) => item.pid !== null)
      .map((item, row) => ({ pid: item.pid!, column: l, row, x: item.x, y: top(item), onCycle: onCycle.has(item.pid!), isRoot: !waiting.has(item.pid!) }))
  )
  const width = Math.max(0, ...layers.flat().map((item) => item.x + item.width))
  return { nodes, edges: routed, width, height: layerCount * box.height + (layerCount - 1) * box.layerGap, cycleEdges, box }
}

/** An SVG path through the routed points: curves between layers, straight through a slot. */
export function edgePath(points: Array<[number, number]>): string {
  let d = `M${points[0]![0]},${points[0]![1]}`
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!
    const [x1, y1] = points[i]!
    const midY = (y0 + y1) / 2
    d += x0 === x1 ? ` L${x1},${y1}` : ` C${x0},${midY} ${x1},${midY} ${x1},${y1}`
  }
  return d
}
