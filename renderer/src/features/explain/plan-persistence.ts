/**
 * The last plan of each editor tab (and the last pasted one) kept across a
 * reload, in localStorage, bounded: a few owners, each plan's text at most
 * `maxPlanChars` (a bigger one is simply not kept). Each tab gets its own
 * back (the plan store's `follow`); the most recent one is shown at start.
 */
import type { PlanOrigin } from './plan-store'

const storageKey = 'tusk.plans'
const maxOwners = 8
const maxPlanChars = 512 * 1024

export interface KeptPlan {
  owner: string
  source: string
  origin: PlanOrigin
  at: number
}

function readKept(): KeptPlan[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]')
    return Array.isArray(parsed) ? (parsed as KeptPlan[]).filter((p) => typeof p?.source === 'string' && typeof p.owner === 'string' && p.origin) : []
  } catch {
    return []
  }
}

/** Whose plan it is: the editor tab whose Explain made it, or the one pasted slot. */
export function planOwner(origin: PlanOrigin): string {
  return origin.ownerId ?? 'pasted'
}

/** Keeps `source` as its owner's last plan (advice is left out: it is recomputed with the plan). */
export function keepPlan(source: string, origin: PlanOrigin): void {
  if (source.length > maxPlanChars) return
  const owner = planOwner(origin)
  const { advice: _advice, ...kept } = origin
  const plans = [{ owner, source, origin: kept, at: Date.now() }, ...readKept().filter((p) => p.owner !== owner)].slice(0, maxOwners)
  try {
    localStorage.setItem(storageKey, JSON.stringify(plans))
  } catch {
    // Storage full or refused: the plan is only lost at the next reload, as before.
  }
}

/** Every owner's kept plan, the most recent first. */
export function keptPlans(): KeptPlan[] {
  return readKept().sort((a, b) => b.at - a.at)
}
