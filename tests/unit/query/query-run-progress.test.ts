import { describe, expect, it } from 'vitest'
import { applyRunProgress, missesProgress, pendingStatement, type QueryRunSnapshot, type StatementResult } from '@shared/query/query-run'

function entry(index: number, patch: Partial<StatementResult> = {}): StatementResult {
  return { ...pendingStatement(index, index * 10, index * 10 + 9, `select ${index}`), ...patch }
}

function run(statements: number): QueryRunSnapshot {
  return { runId: 'r1', connectionId: 'c1', backendPid: null, state: 'running', startedAt: 0, elapsedMs: 0, progressSeq: 0, results: Array.from({ length: statements }, (_, i) => entry(i)) }
}

describe('run progress as deltas', () => {
  it('a delta replaces the entries it carries and keeps every other one as it was', () => {
    const before = run(3)
    const after = applyRunProgress(before, {
      runId: 'r1',
      seq: 1,
      backendPid: 42,
      state: 'running',
      elapsedMs: 120,
      changed: [entry(1, { status: 'running', returnsRows: true, rowCount: 500 })]
    })
    expect(after.backendPid).toBe(42)
    expect(after.elapsedMs).toBe(120)
    expect(after.results.map((r) => [r.status, r.rowCount])).toEqual([
      ['pending', null],
      ['running', 500],
      ['pending', null]
    ])
    // Untouched entries are the same objects (React skips them); the input is not changed.
    expect(after.results[0]).toBe(before.results[0])
    expect(before.results[1]!.status).toBe('pending')
  })

  it('folding the deltas of a run gives its final state, whatever the throttling grouped together', () => {
    const deltas = [
      { runId: 'r1', seq: 1, backendPid: 7, state: 'running' as const, elapsedMs: 10, changed: [entry(0, { status: 'done', command: 'SELECT', rowCount: 1 }), entry(1, { status: 'running' })] },
      { runId: 'r1', seq: 2, backendPid: 7, state: 'running' as const, elapsedMs: 20, changed: [] },
      { runId: 'r1', seq: 3, backendPid: 7, state: 'cancelled' as const, elapsedMs: 30, changed: [entry(1, { status: 'cancelled', returnsRows: true, rowCount: 1234 }), entry(2, { status: 'cancelled' })] }
    ]
    const final = deltas.reduce(applyRunProgress, run(3))
    expect(final.state).toBe('cancelled')
    expect(final.results.map((r) => r.status)).toEqual(['done', 'cancelled', 'cancelled'])
    expect(final.results[1]!.rowCount).toBe(1234)
  })

  it("another run's delta, or an entry outside the run, changes nothing", () => {
    const before = run(2)
    expect(applyRunProgress(before, { runId: 'other', seq: 1, backendPid: 1, state: 'done', elapsedMs: 1, changed: [entry(0, { status: 'done' })] })).toBe(before)
    const after = applyRunProgress(before, { runId: 'r1', seq: 1, backendPid: 1, state: 'running', elapsedMs: 1, changed: [entry(5, { status: 'done' })] })
    expect(after.results).toHaveLength(2)
    expect(after.results.every((r) => r.status === 'pending')).toBe(true)
  })

  it('an event the snapshot already holds is skipped, and a gap in the numbers is seen', () => {
    const done = { runId: 'r1', seq: 2, backendPid: 7, state: 'done' as const, elapsedMs: 20, changed: [entry(0, { status: 'done' as const })] }
    const snapshot = { ...run(1), progressSeq: 2, state: 'done' as const, results: [entry(0, { status: 'done' })] }
    expect(applyRunProgress(snapshot, { ...done, seq: 1, state: 'running', changed: [entry(0, { status: 'running' })] })).toBe(snapshot)
    expect(missesProgress(run(1), { ...done, seq: 1 })).toBe(false)
    expect(missesProgress(run(1), done)).toBe(true)
    expect(missesProgress(snapshot, { ...done, seq: 3 })).toBe(false)
  })
})
