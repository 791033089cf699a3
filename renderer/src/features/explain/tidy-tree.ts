/**
 * The Reingold–Tilford "tidy" tree layout (Buchheim et al.'s linear-time
 * version), on flat arrays.
 *
 * The same algorithm and the same arithmetic as d3-hierarchy's `tree()`, so
 * the picture is the one d3 draws, but without an object per node and per
 * wrapper: on a 10,000-node plan d3 allocated ~1.5 kB per node, which made
 * the layout the costliest step of showing a big plan.
 */

/**
 * Horizontal positions, in sibling-spacing units (siblings 1 apart, cousins 2),
 * of a tree given in pre-order: `parent[i]` is the position of node i's parent,
 * -1 for the root at 0.
 */
export function tidyTreeX(parent: Int32Array): Float64Array {
  const n = parent.length
  // Node n is a virtual parent of the root, as in d3.
  const root = 0
  const top = n
  const up = new Int32Array(n + 1)
  up.set(parent)
  up[root] = top
  up[top] = -1

  // Children as slices of one list, in order (pre-order lists siblings left to right).
  const childCount = new Int32Array(n + 1)
  for (let i = 1; i < n; i++) childCount[up[i]!]!++
  childCount[top] = 1
  const childStart = new Int32Array(n + 1)
  for (let i = 0, at = 0; i <= n; i++) {
    childStart[i] = at
    at += childCount[i]!
  }
  const childList = new Int32Array(n)
  const filled = new Int32Array(n + 1)
  /** Index of each node among its siblings. */
  const number = new Int32Array(n + 1)
  childList[childStart[top]!] = root
  for (let i = 1; i < n; i++) {
    const p = up[i]!
    number[i] = filled[p]!
    childList[childStart[p]! + filled[p]!++] = i
  }

  const prelim = new Float64Array(n + 1)
  const mod = new Float64Array(n + 1)
  const change = new Float64Array(n + 1)
  const shift = new Float64Array(n + 1)
  const thread = new Int32Array(n + 1).fill(-1)
  const ancestorOf = new Int32Array(n + 1)
  for (let i = 0; i <= n; i++) ancestorOf[i] = i
  const defaultAncestor = new Int32Array(n + 1).fill(-1)

  const nextLeft = (v: number) => (childCount[v]! > 0 ? childList[childStart[v]!]! : thread[v]!)
  const nextRight = (v: number) => (childCount[v]! > 0 ? childList[childStart[v]! + childCount[v]! - 1]! : thread[v]!)
  const separation = (a: number, b: number) => (up[a] === up[b] ? 1 : 2)

  const moveSubtree = (wm: number, wp: number, amount: number) => {
    const step = amount / (number[wp]! - number[wm]!)
    change[wp] = change[wp]! - step
    shift[wp] = shift[wp]! + amount
    change[wm] = change[wm]! + step
    prelim[wp] = prelim[wp]! + amount
    mod[wp] = mod[wp]! + amount
  }

  const executeShifts = (v: number) => {
    let total = 0
    let changes = 0
    for (let k = childStart[v]! + childCount[v]! - 1; k >= childStart[v]!; k--) {
      const w = childList[k]!
      prelim[w] = prelim[w]! + total
      mod[w] = mod[w]! + total
      changes += change[w]!
      total += shift[w]! + changes
    }
  }

  const apportion = (v: number, w: number, ancestorIn: number): number => {
    let ancestor = ancestorIn
    if (w === -1) return ancestor
    let vip = v
    let vop = v
    let vim = w
    let vom = childList[childStart[up[v]!]!]!
    let sip = mod[vip]!
    let sop = mod[vop]!
    let sim = mod[vim]!
    let som = mod[vom]!
    for (;;) {
      vim = nextRight(vim)
      vip = nextLeft(vip)
      if (vim === -1 || vip === -1) break
      vom = nextLeft(vom)
      vop = nextRight(vop)
      ancestorOf[vop] = v
      const gap = prelim[vim]! + sim - prelim[vip]! - sip + separation(vim, vip)
      if (gap > 0) {
        moveSubtree(up[ancestorOf[vim]!] === up[v] ? ancestorOf[vim]! : ancestor, v, gap)
        sip += gap
        sop += gap
      }
      sim += mod[vim]!
      sip += mod[vip]!
      som += mod[vom]!
      sop += mod[vop]!
    }
    if (vim !== -1 && nextRight(vop) === -1) {
      thread[vop] = vim
      mod[vop] = mod[vop]! + sim - sop
    }
    if (vip !== -1 && nextLeft(vom) === -1) {
      thread[vom] = vip
      mod[vom] = mod[vom]! + sip - som
      ancestor = v
    }
    return ancestor
  }

  const firstWalk = (v: number) => {
    const p = up[v]!
    const w = number[v]! > 0 ? childList[childStart[p]! + number[v]! - 1]! : -1
    if (childCount[v]! > 0) {
      executeShifts(v)
      const first = childList[childStart[v]!]!
      const last = childList[childStart[v]! + childCount[v]! - 1]!
      const midpoint = (prelim[first]! + prelim[last]!) / 2
      if (w !== -1) {
        prelim[v] = prelim[w]! + separation(v, w)
        mod[v] = prelim[v]! - midpoint
      } else prelim[v] = midpoint
    } else if (w !== -1) prelim[v] = prelim[w]! + separation(v, w)
    defaultAncestor[p] = apportion(v, w, defaultAncestor[p] !== -1 ? defaultAncestor[p]! : childList[childStart[p]!]!)
  }

  // Post-order, children left to right: the reverse of a pre-order that takes them right to left (d3's eachAfter).
  const order = new Int32Array(n)
  const stack = new Int32Array(n)
  let depthOfStack = 0
  let filledOrder = 0
  stack[depthOfStack++] = root
  while (depthOfStack > 0) {
    const v = stack[--depthOfStack]!
    order[filledOrder++] = v
    for (let k = childStart[v]!; k < childStart[v]! + childCount[v]!; k++) stack[depthOfStack++] = childList[k]!
  }
  for (let k = n - 1; k >= 0; k--) firstWalk(order[k]!)
  mod[top] = -prelim[root]!

  // Pre-order (d3's eachBefore): each node's position is its prelim plus its ancestors' modifiers.
  const x = new Float64Array(n)
  depthOfStack = 0
  stack[depthOfStack++] = root
  while (depthOfStack > 0) {
    const v = stack[--depthOfStack]!
    x[v] = prelim[v]! + mod[up[v]!]!
    mod[v] = mod[v]! + mod[up[v]!]!
    for (let k = childStart[v]! + childCount[v]! - 1; k >= childStart[v]!; k--) stack[depthOfStack++] = childList[k]!
  }
  return x
}
