import { afterEach, describe, expect, it, vi } from 'vitest'
import type { QueryRunSnapshot } from '@shared/query/query-run'
import { AppError } from '@shared/base/app-error'
import { followQueryRuns, leaveWorkspace, runSql } from '../../../../../renderer/src/features/query/query-actions'
import { useQueryRuns } from '../../../../../renderer/src/features/query/query-run-store'
import { workspaceOf } from '../../../../../renderer/src/features/query/workspace-store'
import { emitFakeEvent, installFakeApi } from '../../support/fake-api'
import { answerConfirmations } from '../../support/answer-confirmations'
import { pendingStatement } from '@shared/query/query-run'

function snapshot(runId: string, state: QueryRunSnapshot['state'] = 'done'): QueryRunSnapshot {
  return { runId, connectionId: 'c1', backendPid: 42, state, startedAt: 0, elapsedMs: 0, progressSeq: 0, results: [] }
}

const needsConfirmation = new AppError({ code: 'query/needs-confirmation', message: 'This DELETE has no WHERE: it changes every row.' })

afterEach(() => {
  vi.unstubAllGlobals()
  leaveWorkspace('tab-a')
})

describe('query actions', () => {
  it('a write without WHERE runs only after the user confirms it', async () => {
    const calls = installFakeApi({
      'query.start': (input: { confirmUnboundedWrites?: boolean }) => {
        if (!input.confirmUnboundedWrites) throw needsConfirmation
        return snapshot('run-1')
      }
    })
    const asked = answerConfirmations(true)
    await runSql('tab-a', 'c1', { sql: 'delete from loans', baseOffset: 0 })
    expect(asked).toHaveLength(1)
    expect(calls.map((c) => c.name)).toEqual(['query.start', 'query.start'])
    expect(workspaceOf('tab-a').current).toEqual({ runId: 'run-1', baseOffset: 0, sql: 'delete from loans' })
    expect(workspaceOf('tab-a').error).toBeNull()
  })

  it('a write the user declines does not run, and the workspace says why', async () => {
    const calls = installFakeApi({
      'query.start': () => {
        throw needsConfirmation
      }
    })
    answerConfirmations(false)
    await runSql('tab-a', 'c1', { sql: 'delete from loans', baseOffset: 0 })
    expect(calls).toHaveLength(1)
    expect(workspaceOf('tab-a').current).toBeNull()
    expect(workspaceOf('tab-a').error?.message).toBe(needsConfirmation.message)
  })

  it('a new run releases the rows of the run it replaces', async () => {
    let next = 0
    const calls = installFakeApi({ 'query.start': () => snapshot(`run-${++next}`), 'query.release': () => ({ released: true }) })
    await runSql('tab-a', 'c1', { sql: 'select 1', baseOffset: 0 })
    await runSql('tab-a', 'c1', { sql: 'select 2', baseOffset: 0 })
    expect(calls.filter((c) => c.name === 'query.release').map((c) => c.input)).toEqual([{ runId: 'run-1' }])
    expect(Object.keys(useQueryRuns.getState().runs)).not.toContain('run-1')
    expect(workspaceOf('tab-a').current?.runId).toBe('run-2')
  })

  it('closing an editor tab cancels the query it runs', async () => {
    const calls = installFakeApi({ 'query.start': () => snapshot('run-long', 'running'), 'query.cancel': () => ({ cancelled: true }) })
    await runSql('tab-a', 'c1', { sql: 'select pg_sleep(60)', baseOffset: 0 })
    leaveWorkspace('tab-a')
    expect(calls.filter((c) => c.name === 'query.cancel').map((c) => c.input)).toEqual([{ runId: 'run-long' }])
    expect(workspaceOf('tab-a').current).toBeNull()
  })

  it('a lost progress event is noticed, and the run is fetched whole instead of showing a stale statement', async () => {
    const statement = (status: 'running' | 'done', rowCount: number | null) => ({ ...pendingStatement(0, 0, 8, 'select 1'), status, rowCount })
    const whole: QueryRunSnapshot = { ...snapshot('run-gap', 'done'), progressSeq: 3, results: [statement('done', 100)] }
    const calls = installFakeApi({ 'query.start': () => ({ ...snapshot('run-gap', 'running'), results: [statement('running', null)] }), 'query.snapshot': () => ({ run: whole }) })
    const stop = followQueryRuns()
    await runSql('tab-a', 'c1', { sql: 'select 1', baseOffset: 0 })
    emitFakeEvent('query.progress', { runId: 'run-gap', seq: 1, backendPid: 42, state: 'running', elapsedMs: 1, changed: [statement('running', 10)] })
    expect(useQueryRuns.getState().runs['run-gap']!.results[0]!.rowCount).toBe(10)
    // Event 2 (rows 50) was lost with the socket; event 3 says only the run ended.
    emitFakeEvent('query.progress', { runId: 'run-gap', seq: 3, backendPid: 42, state: 'done', elapsedMs: 3, changed: [] })
    await vi.waitFor(() => expect(useQueryRuns.getState().runs['run-gap']!.results[0]).toMatchObject({ status: 'done', rowCount: 100 }))
    expect(calls.map((c) => c.name)).toEqual(['query.start', 'query.snapshot'])
    stop()
  })
})
