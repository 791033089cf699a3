import { describe, expect, it } from 'vitest'
import { pendingStatement, type QueryRunSnapshot } from '@shared/query/query-run'
import { dropRun, receiveRunProgress, trackRun, useQueryRuns } from '../../../../../renderer/src/features/query/query-run-store'

function started(runId: string): QueryRunSnapshot {
  return { runId, connectionId: 'c1', backendPid: null, state: 'running', startedAt: 0, elapsedMs: 0, progressSeq: 0, results: [pendingStatement(0, 0, 8, 'select 1'), pendingStatement(1, 9, 17, 'select 2')] }
}

describe('run store', () => {
  it('progress that overtakes the start answer is folded in when the run is tracked', () => {
    receiveRunProgress({ runId: 'early', seq: 1, backendPid: 9, state: 'done', elapsedMs: 5, changed: [{ ...pendingStatement(1, 9, 17, 'select 2'), status: 'done', command: 'SELECT', rowCount: 1 }] })
    expect(useQueryRuns.getState().runs.early).toBeUndefined()
    trackRun(started('early'))
    const run = useQueryRuns.getState().runs.early!
    expect(run.state).toBe('done')
    expect(run.results.map((r) => r.status)).toEqual(['pending', 'done'])
    dropRun('early')
  })

  it('progress of a tracked run changes only the statements it names', () => {
    trackRun(started('r2'))
    const before = useQueryRuns.getState().runs.r2!
    receiveRunProgress({ runId: 'r2', seq: 1, backendPid: 3, state: 'running', elapsedMs: 1, changed: [{ ...pendingStatement(0, 0, 8, 'select 1'), status: 'running' }] })
    const after = useQueryRuns.getState().runs.r2!
    expect(after.results[0]!.status).toBe('running')
    expect(after.results[1]).toBe(before.results[1])
    dropRun('r2')
    expect(useQueryRuns.getState().runs.r2).toBeUndefined()
  })
})
