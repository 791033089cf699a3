/** The advice panel's actions: advice that came with the plan is shown as is; a pasted plan asks the main process; an apply follows its progress. */
import { describe, expect, it } from 'vitest'
import type { AdviceItem } from '@shared/advice/advice-item'
import { maxScriptChars } from '@shared/api/wire'
import { applyItem, loadAdvice } from '../../../../../renderer/src/features/advice/advice-actions'
import { useAdvice } from '../../../../../renderer/src/features/advice/advice-store'
import { installFakeApi } from '../../support/fake-api'

const item: AdviceItem = {
  id: 'index:0:member_id',
  kind: 'index',
  severity: 'high',
  nodeId: 0,
  schema: 'public',
  table: 'loans',
  columns: ['member_id'],
  method: 'btree',
  statement: 'CREATE INDEX CONCURRENTLY loans_member_id_idx ON public.loans USING btree (member_id)',
  indexName: 'loans_member_id_idx',
  plainStatement: 'CREATE INDEX loans_member_id_idx ON public.loans USING btree (member_id)',
  evidence: 'read 1,000,000 rows to return 12',
  reason: 'An index finds the 12 rows',
  tentative: false,
  verification: null,
  verificationNote: null
}

describe('advice actions', () => {
  it('shows the advice that came with an explained plan without asking again', async () => {
    const calls = installFakeApi({})
    await loadAdvice(7, '[]', [item], 'c1')
    expect(calls).toEqual([])
    expect(useAdvice.getState()).toMatchObject({ planKey: 7, items: [item], loading: false })
  })

  it('asks the main process for a pasted plan’s advice', async () => {
    const calls = installFakeApi({ 'advice.plan': () => ({ advice: [item] }) })
    await loadAdvice(8, 'Seq Scan on loans …', null, null)
    expect(calls[0]).toMatchObject({ name: 'advice.plan', input: { planText: 'Seq Scan on loans …' } })
    expect(useAdvice.getState().items).toEqual([item])
  })

  it('says in words why a plan longer than the engine reads gets no advice, without sending it', async () => {
    const calls = installFakeApi({ 'advice.plan': () => ({ advice: [item] }) })
    await loadAdvice(9, 'x'.repeat(maxScriptChars + 1), null, null)
    expect(calls).toEqual([])
    expect(useAdvice.getState()).toMatchObject({ planKey: 9, items: [], loading: false })
    expect(useAdvice.getState().error).toMatch(/^Advice reads plans up to 10,000,000 characters; this one has 10,000,001 characters\. Explain the query from the SQL tab/)
  })

  it('marks an applied index done with its build time', async () => {
    installFakeApi({ 'advice.apply': () => ({ applied: true, indexName: 'loans_member_id_idx', durationMs: 2500 }) })
    await applyItem('c1', item)
    expect(useAdvice.getState().work[item.id]).toEqual({ state: 'applied', durationMs: 2500 })
  })
})
