/**
 * Explain / Explain Analyze from the editor: one at a time per workspace, with
 * its start time (for the running timer) and a cancel that reaches the server.
 * The plan goes to the Plan tab when it arrives.
 */
import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '@shared/rpc/app-error'
import { api } from '../../api/api'
import { errorData } from '../../app-state/notice-store'
import { useNavigation } from '../../app-state/navigation-store'
import { usePlan } from './plan-store'

export interface ExplainRun {
  explainId: string
  analyze: boolean
  startedAt: number
}

export function useExplainRun(onError: (error: AppErrorData | null) => void) {
  const [explaining, setExplaining] = useState<ExplainRun | null>(null)
  // Closing the editor tab cancels its explain, as it cancels its query.
  const latest = useRef(explaining)
  latest.current = explaining
  useEffect(
    () => () => {
      if (latest.current) void api.request('explain.cancel', { explainId: latest.current.explainId }).catch(() => undefined)
    },
    []
  )

  const start = async (connectionId: string, request: { sql: string; cursorOffset?: number }, analyze: boolean) => {
    const run: ExplainRun = { explainId: newExplainId(), analyze, startedAt: Date.now() }
    setExplaining(run)
    onError(null)
    try {
      const result = await api.request('explain.run', { connectionId, sql: request.sql, cursorOffset: request.cursorOffset, analyze, explainId: run.explainId })
      const shown = usePlan.getState().load(result.planJson, {
        kind: analyze ? 'analyze' : 'explain',
        statement: result.statement,
        effect: result.effect,
        rolledBack: result.rolledBack,
        serverVersion: result.serverVersion
      })
      if (shown) useNavigation.getState().setTab('plan')
    } catch (error) {
      onError(errorData(error))
    } finally {
      setExplaining((current) => (current?.explainId === run.explainId ? null : current))
    }
  }

  const cancel = () => {
    if (explaining) void api.request('explain.cancel', { explainId: explaining.explainId }).catch((error: unknown) => onError(errorData(error)))
  }

  return { explaining, start, cancel }
}

function newExplainId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `explain-${Date.now()}-${Math.random().toString(36).slice(2)}`
}
