/**
 * The advice on screen: the items for the plan shown (keyed by the plan view's
 * planKey), how each item's check went, and an apply's progress.
 */
import { create } from 'zustand'
import type { AdviceItem, ApplyProgress } from '@shared/advice/advice-item'

export type ItemWork = { state: 'verifying' } | { state: 'applying'; progress: ApplyProgress | null } | { state: 'applied'; durationMs: number } | { state: 'failed'; message: string }

interface AdviceState {
  planKey: number | null
  items: AdviceItem[]
  loading: boolean
  error: string | null
  /** Per item id: a check or an apply running or done. */
  work: Record<string, ItemWork>
}

export const useAdvice = create<AdviceState>()(() => ({ planKey: null, items: [], loading: false, error: null, work: {} }))

export function showAdvice(planKey: number, items: AdviceItem[]): void {
  useAdvice.setState({ planKey, items, loading: false, error: null, work: {} })
}

export function setItemWork(id: string, work: ItemWork | null): void {
  useAdvice.setState((s) => {
    const next = { ...s.work }
    if (work) next[id] = work
    else delete next[id]
    return { work: next }
  })
}

export function replaceItem(item: AdviceItem): void {
  useAdvice.setState((s) => ({ items: s.items.map((i) => (i.id === item.id ? item : i)) }))
}
