import { describe, expect, it } from 'vitest'
import type { LockEdge } from '@shared/locks/lock-graph'
import { layoutLockGraph, stackedBox, wideBox } from '../../../../../renderer/src/features/locks/lock-graph-layout'
import { fitLockGraph, smallestFont } from '../../../../../renderer/src/features/locks/lock-graph-fit'

const edge = (waiterPid: number, blockerPid: number): LockEdge => ({ waiterPid, blockerPid, kind: 'hard', mode: 'ExclusiveLock', blockerMode: 'ExclusiveLock', locktype: 'advisory', relation: null, waitingSince: null })
/** Session 1 holds; each next one waits for the one before. */
const chainOf = (sessions: number) => Array.from({ length: sessions - 1 }, (_, i) => edge(i + 2, i + 1))
/** The trainer's scenario: A holds, B waits for A, the ALTER waits for both, a read queues behind it. */
const scenario = [edge(2, 1), edge(3, 1), edge(3, 2), edge(4, 3)]

// The canvas as measured in the app (web host, Chromium: presenter.spec.ts logs it), beside the chrome and the queues and in presenter mode.
const canvases = {
  '1400x900': { normal: { width: 592, height: 661 }, presenter: { width: 1358, height: 751 } },
  '1920x1080': { normal: { width: 1112, height: 841 }, presenter: { width: 1878, height: 931 } }
}

const drawn = (edges: LockEdge[], canvas: { width: number; height: number }, presenting: boolean) => {
  const layouts = [layoutLockGraph(edges, stackedBox), layoutLockGraph(edges, wideBox)] as const
  return fitLockGraph(presenting ? layouts : [layouts[0]], canvas, presenting)
}

describe('lock graph fit', () => {
  for (const [screen, canvas] of Object.entries(canvases)) {
    for (const [name, edges] of [...[2, 3, 4].map((n) => [`a chain of ${n}`, chainOf(n)] as const), ['the scenario', scenario] as const]) {
      it(`presenter mode draws ${name} at ${screen} clearly larger than beside the chrome: text ≥ 18 px and ≥ 1.3×, inside its canvas`, () => {
        const normal = drawn(edges, canvas.normal, false)
        const presenter = drawn(edges, canvas.presenter, true)
        expect(normal.k * smallestFont).toBeGreaterThanOrEqual(13)
        expect(presenter.k * smallestFont).toBeGreaterThanOrEqual(18)
        expect(presenter.k / normal.k).toBeGreaterThanOrEqual(1.3)
        expect(presenter.x + presenter.layout.width * presenter.k).toBeLessThanOrEqual(canvas.presenter.width)
        expect(presenter.y + presenter.layout.height * presenter.k).toBeLessThanOrEqual(canvas.presenter.height)
      })
    }
  }

  it('keeps the stacked boxes beside the chrome', () => {
    expect(drawn(scenario, canvases['1920x1080'].normal, false).layout.box).toBe(stackedBox)
  })

  it('takes the wide boxes for a tall chain on a wide canvas, the stacked ones for a wide graph', () => {
    expect(drawn(scenario, canvases['1400x900'].presenter, true).layout.box).toBe(wideBox)
    // Four root blockers side by side: wide boxes would make the row too long.
    const wideGraph = [edge(5, 1), edge(5, 2), edge(5, 3), edge(5, 4)]
    expect(drawn(wideGraph, canvases['1400x900'].presenter, true).layout.box).toBe(stackedBox)
  })

  it('never draws below 13 px: a chain too tall for its canvas scrolls from the top', () => {
    const big = drawn(chainOf(12), { width: 600, height: 500 }, true)
    expect(big.k * smallestFont).toBeCloseTo(13)
    expect(big.y).toBe(24)
  })
})
