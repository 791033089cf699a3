/**
 * What the advice panel asks the engine: advice for a pasted plan (the parser
 * runs in the main process), how an item would be verified, the check itself,
 * and applying an index with its progress.
 */
import type { AdviceItem } from '@shared/advice/advice-item'
import { maxScriptChars } from '@shared/api/wire'
import { api } from '../../api/api'
import { useNotices } from '../../app-state/notice-store'
import { replaceItem, setItemWork, showAdvice, useAdvice } from './advice-store'

/** Advice for a plan on screen: what came with it, else asked for from its text. */
export async function loadAdvice(planKey: number, source: string, given: AdviceItem[] | null, connectionId: string | null): Promise<void> {
  if (given) {
    showAdvice(planKey, given)
    return
  }
  if (source.length > maxScriptChars) {
    // The engine takes plans as large as the longest script; sending more would only be refused (after a long copy).
    const size = (n: number) => `${n.toLocaleString('en-US')} characters`
    useAdvice.setState({
      planKey,
      items: [],
      loading: false,
      work: {},
      error: `Advice reads plans up to ${size(maxScriptChars)}; this one has ${size(source.length)}. Explain the query from the SQL tab to get its advice with the plan.`
    })
    return
  }
  useAdvice.setState({ planKey, items: [], loading: true, error: null, work: {} })
  try {
    const { advice } = await api.request('advice.plan', { planText: source, connectionId: connectionId ?? undefined })
    if (useAdvice.getState().planKey === planKey) showAdvice(planKey, advice)
  } catch (error) {
    if (useAdvice.getState().planKey === planKey) useAdvice.setState({ loading: false, error: error instanceof Error ? error.message : String(error) })
  }
}

/** The warning to confirm before a check builds a real index (null: nothing to confirm). */
export async function verifyWarning(connectionId: string, item: AdviceItem): Promise<{ warning: string | null; note: string | null; possible: boolean }> {
  const answer = await api.request('advice.verifyMethod', { connectionId, item })
  return { warning: answer.warning, note: answer.note, possible: answer.method !== 'none' }
}

export async function verifyItem(connectionId: string, sql: string, item: AdviceItem, analyze: boolean): Promise<void> {
  setItemWork(item.id, { state: 'verifying' })
  try {
    replaceItem(await api.request('advice.verify', { connectionId, sql, item, analyze }))
    setItemWork(item.id, null)
  } catch (error) {
    setItemWork(item.id, { state: 'failed', message: error instanceof Error ? error.message : String(error) })
    useNotices.getState().report('The index could not be verified', error)
  }
}

export async function applyItem(connectionId: string, item: AdviceItem): Promise<void> {
  setItemWork(item.id, { state: 'applying', progress: null })
  const unsubscribe = api.subscribe('advice.applyProgress', (progress) => {
    if (progress.connectionId === connectionId && progress.indexName === item.indexName && !progress.done) setItemWork(item.id, { state: 'applying', progress })
  })
  try {
    const result = await api.request('advice.apply', { connectionId, item })
    setItemWork(item.id, { state: 'applied', durationMs: result.durationMs })
  } catch (error) {
    setItemWork(item.id, { state: 'failed', message: error instanceof Error ? error.message : String(error) })
    useNotices.getState().report('The index could not be created', error)
  } finally {
    unsubscribe()
  }
}

export function copySql(text: string): void {
  void navigator.clipboard?.writeText(text)
}
