import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/base/app-error'
import { useNavigation } from '../../../../../renderer/src/app-state/navigation-store'
import { runExplain } from '../../../../../renderer/src/features/explain/explain-actions'
import { useExplainRuns } from '../../../../../renderer/src/features/explain/explain-run-store'
import { usePlan } from '../../../../../renderer/src/features/explain/plan-store'
import { installFakeApi } from '../../support/fake-api'
import { answerConfirmations } from '../../support/answer-confirmations'

const planJson = JSON.stringify([{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'loans', 'Startup Cost': 0, 'Total Cost': 12.5, 'Plan Rows': 100, 'Plan Width': 8 } }])

afterEach(() => vi.unstubAllGlobals())

describe('explain actions', () => {
  it('a plan explained from the editor is shown in the Plan tab', async () => {
    useNavigation.getState().setTab('sql')
    const calls = installFakeApi({
      'explain.run': () => ({ planJson, statement: 'select * from loans', effect: 'reads', rolledBack: false, serverVersion: '17.2' })
    })
    await runExplain('tab-a', 'c1', { sql: 'select * from loans', cursorOffset: 3 }, false)
    expect(calls[0]).toMatchObject({ name: 'explain.run', input: { connectionId: 'c1', sql: 'select * from loans', cursorOffset: 3, analyze: false } })
    expect(usePlan.getState().nodes[0]?.node.nodeType).toBe('Seq Scan')
    expect(usePlan.getState().origin).toMatchObject({ kind: 'explain', statement: 'select * from loans' })
    expect(useNavigation.getState().tab).toBe('plan')
    expect(useExplainRuns.getState().byOwner['tab-a']).toBeUndefined()
  })

  it('a failed explain rejects with the server error and leaves the tab where it was', async () => {
    useNavigation.getState().setTab('sql')
    installFakeApi({
      'explain.run': () => {
        throw new Error('syntax error at or near "selec"')
      }
    })
    await expect(runExplain('tab-a', 'c1', { sql: 'selec 1' }, true)).rejects.toThrow('syntax error')
    expect(useNavigation.getState().tab).toBe('sql')
    expect(useExplainRuns.getState().byOwner['tab-a']).toBeUndefined()
  })

  it('ANALYZE of a call a rollback cannot undo names it, asks, and after a yes says what stayed', async () => {
    const named = 'It runs inside BEGIN … ROLLBACK, but a rollback cannot undo this: nextval advances a sequence (sequences are never rolled back).'
    const calls = installFakeApi({
      'explain.run': (input: { confirmEffects?: boolean }) => {
        if (!input.confirmEffects) throw new AppError({ code: 'query/effects-need-confirmation', message: named })
        return { planJson, statement: "select nextval('s')", effect: 'may-write', rolledBack: true, notUndone: ['nextval advances a sequence (sequences are never rolled back)'], serverVersion: '18.1' }
      }
    })
    const asked = answerConfirmations(true)
    await runExplain('tab-a', 'c1', { sql: "select nextval('s')" }, true)
    expect(asked.map((question) => question.message)).toEqual([expect.stringContaining('nextval advances a sequence')])
    expect(calls.map((c) => (c.input as { confirmEffects: boolean }).confirmEffects)).toEqual([false, true])
    expect(usePlan.getState().origin).toMatchObject({ kind: 'analyze', notUndone: ['nextval advances a sequence (sequences are never rolled back)'] })
    expect(useExplainRuns.getState().byOwner['tab-a']).toBeUndefined()
  })

  it('a call the user declines does not run', async () => {
    const calls = installFakeApi({
      'explain.run': () => {
        throw new AppError({ code: 'query/effects-need-confirmation', message: 'pg_terminate_backend ends another session' })
      }
    })
    answerConfirmations(false)
    await expect(runExplain('tab-a', 'c1', { sql: 'select pg_terminate_backend(1)' }, true)).rejects.toThrow('pg_terminate_backend')
    expect(calls).toHaveLength(1)
  })
})
