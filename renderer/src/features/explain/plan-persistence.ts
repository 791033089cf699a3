/**
 * The last plan of each editor tab (and the last pasted one) kept across a
 * reload, in localStorage, bounded: a few owners, each plan's text at most
 * `maxPlanChars` (a bigger one is simply not kept). The most recent one is
 * shown again when the app starts.
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

/** Keeps `source` as its owner's last plan (advice is left out: it is recomputed with the plan). */
export function keepPlan(source: string, origin: PlanOrigin): void {
  if (source.length > maxPlanChars) return
  const owner = origin.ownerId ?? 'pasted'
  const { advice: _advice, ...kept } = origin
  const plans = [{ owner, source, origin: kept, at: Date.now() }, ...readKept().filter((p) => p.owner !== owner)].slice(0, maxOwners)
  try {
    localStorage.setItem(storageKey, JSON.stringify(plans))
  } catch {
    // Storage full or refused: the plan is only lost at the next reload, as before.
  }
}

/** The most recently shown plan, or null. */
export function latestKeptPlan(): KeptPlan | null {
  return readKept().sort((a, b) => b.at - a.at)[0] ?? null
}
