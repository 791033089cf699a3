/**
 * Explain / Explain Analyze from the editor: run it on the server, show the
 * plan in the plan store, bring the Plan tab forward; cancel one that runs.
 * The plan store's own actions (load a pasted plan, select a node, …) are on
 * the store; this module is the part that talks to the engine.
 */
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { errorData } from '../../app-state/notice-store'
import { useNavigation } from '../../app-state/navigation-store'
import { clearExplainRun, setExplainRun, useExplainRuns, type ExplainRun } from './explain-run-store'
import { usePlan } from './plan-store'

export interface ExplainRequest {
  sql: string
  /** The statement under this offset is explained (the whole text otherwise). */
  cursorOffset?: number
}

/**
 * Runs one explain for `ownerId` (an editor tab); rejects with the server's error.
 *
 * When ANALYZE would call something a rollback cannot undo (nextval, dblink…),
 * the server names it first and the user is asked before it runs.
 */
export async function runExplain(ownerId: string, connectionId: string, request: ExplainRequest, analyze: boolean, confirmEffects = false): Promise<void> {
  const run: ExplainRun = { explainId: newExplainId(), analyze, startedAt: Date.now() }
  setExplainRun(ownerId, run)
  try {
    const result = await api
      .request('explain.run', { connectionId, sql: request.sql, cursorOffset: request.cursorOffset, analyze, explainId: run.explainId, confirmEffects })
      .catch(async (error: unknown) => {
        const data = errorData(error)
        if (data.code !== 'query/effects-need-confirmation') throw error
        const yes = await askConfirmation({ title: 'Explain Analyze runs the statement', message: data.message, statement: data.detail ?? request.sql, confirmLabel: 'Run it anyway', danger: true })
        if (yes) return null
        throw error
      })
    if (!result) {
      clearExplainRun(ownerId, run.explainId)
      return runExplain(ownerId, connectionId, request, analyze, true)
    }
    const shown = usePlan.getState().load(result.planJson, {
      kind: analyze ? 'analyze' : 'explain',
      statement: result.statement,
      effect: result.effect,
      rolledBack: result.rolledBack,
      notUndone: result.notUndone,
      serverVersion: result.serverVersion,
      connectionId,
      advice: result.advice,
      partitions: result.partitions,
      ownerId
    })
    if (shown) useNavigation.getState().setTab('plan')
  } finally {
    clearExplainRun(ownerId, run.explainId)
  }
}

/** Asks the server to stop the owner's explain; rejects when the request fails. */
export async function cancelExplain(ownerId: string): Promise<void> {
  const running = useExplainRuns.getState().byOwner[ownerId]
  if (running) await api.request('explain.cancel', { explainId: running.explainId })
}

/** The owner goes away (its editor tab closed): its explain is cancelled, quietly. */
export function abandonExplain(ownerId: string): void {
  cancelExplain(ownerId).catch(() => undefined)
}

function newExplainId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `explain-${Date.now()}-${Math.random().toString(36).slice(2)}`
}
