import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** A plan whose root scans `table`, as the editor's Explain returns it. */
const planOf = (table: string) => JSON.stringify([{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': table, 'Startup Cost': 0, 'Total Cost': 10, 'Plan Rows': 10, 'Plan Width': 8 } }])
const explained = (tab: string, table: string) => ({ kind: 'explain' as const, statement: `select * from ${table}`, ownerId: tab })

/** localStorage as a page has it, kept across "reloads" (fresh imports of the store). */
function fakeStorage() {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) }
}

/** The plan store as a page load imports it. */
async function openApp() {
  vi.resetModules()
  return (await import('../../../../../renderer/src/features/explain/plan-store')).usePlan
}

const shown = (usePlan: Awaited<ReturnType<typeof openApp>>) => ({ statement: usePlan.getState().origin?.statement ?? null, root: usePlan.getState().nodes[0]?.node.relation ?? null })

describe('each editor tab shows its own last plan', () => {
  beforeEach(() => vi.stubGlobal('localStorage', fakeStorage()))
  afterEach(() => vi.unstubAllGlobals())

  it('switching tabs brings back that tab’s plan, a tab without one shows none, and a reload gives each tab its own', async () => {
    let usePlan = await openApp()
    usePlan.getState().follow('tab-a')
    usePlan.getState().load(planOf('genres'), explained('tab-a', 'genres'))
    usePlan.getState().follow('tab-b')
    expect(shown(usePlan)).toEqual({ statement: null, root: null })
    usePlan.getState().load(planOf('loans'), explained('tab-b', 'loans'))
    usePlan.getState().follow('tab-a')
    expect(shown(usePlan)).toEqual({ statement: 'select * from genres', root: 'genres' })
    usePlan.getState().follow('tab-b')
    expect(shown(usePlan)).toEqual({ statement: 'select * from loans', root: 'loans' })

    usePlan = await openApp()
    // The latest plan is up first, as before; then each tab its own.
    expect(shown(usePlan).root).toBe('loans')
    usePlan.getState().follow('tab-a')
    expect(shown(usePlan)).toEqual({ statement: 'select * from genres', root: 'genres' })
    usePlan.getState().follow('tab-b')
    expect(shown(usePlan)).toEqual({ statement: 'select * from loans', root: 'loans' })
  })

  it('a pasted plan stands for the tabs that have none of their own', async () => {
    const usePlan = await openApp()
    usePlan.getState().load(planOf('members'), { kind: 'pasted' })
    usePlan.getState().load(planOf('genres'), explained('tab-a', 'genres'))
    usePlan.getState().follow('tab-c')
    expect(shown(usePlan).root).toBe('members')
    usePlan.getState().follow('tab-a')
    expect(shown(usePlan).root).toBe('genres')
  })
})
