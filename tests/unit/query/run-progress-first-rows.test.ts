import { describe, expect, it, vi } from 'vitest'
import { firstRowsSent, pendingStatement, queryRunProgressSchema, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'
import { RunProgress } from '../../../electron/core/services/query/run-progress'

function snapshot(): QueryRunSnapshot {
  return { runId: 'r1', connectionId: 'c1', backendPid: 7, state: 'running', startedAt: 0, elapsedMs: 0, progressSeq: 0, results: [pendingStatement(0, 0, 20, 'select * from events')] }
}

describe("a result's first rows ride along with its first events", () => {
  it('the grid gets a screenful with the count, each row once, and no rows after that', () => {
    vi.useFakeTimers()
    try {
      const run = snapshot()
      const sent: QueryRunProgress[] = []
      const held: string[][] = []
      const progress = new RunProgress(run, (p) => sent.push(p), (_index, limit) => held.slice(0, limit))
      const result = run.results[0]!
      Object.assign(result, { status: 'running', returnsRows: true, fields: [{ name: 'id', dataTypeId: 20, typeName: 'int8' }] })
      const arrive = (n: number) => {
        for (let i = 0; i < n; i++) held.push([String(held.length + 1)])
        result.rowCount = held.length
        progress.changed(0)
        vi.advanceTimersByTime(200)
      }
      arrive(30)
      arrive(10_000)
      arrive(10_000)
      expect(sent.map((p) => p.firstRows?.[0]?.rows.length ?? 0)).toEqual([30, firstRowsSent, 0])
      expect(sent[1]!.firstRows![0]!.rows[99]).toEqual(['100'])
      for (const event of sent) expect(queryRunProgressSchema.safeParse(event).success).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('a result already finished at its first event carries no rows: its pages are answered at once', () => {
    const run = snapshot()
    const sent: QueryRunProgress[] = []
    const progress = new RunProgress(run, (p) => sent.push(p), () => [['1']])
    Object.assign(run.results[0]!, { status: 'done', returnsRows: true, rowCount: 1 })
    progress.changed(0)
    progress.end()
    expect(sent.at(-1)!.firstRows).toBeUndefined()
  })
})
