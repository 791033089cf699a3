import { describe, expect, it } from 'vitest'
import { makePlanFile, readPlanFile } from '@shared/explain/read/plan-file'

describe('.tusk-plan.json files', () => {
  it('round-trip the plan, its query and the server version', () => {
    const file = makePlanFile('Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)', 'select * from t', '18.4', new Date('2026-01-02T03:04:05Z'))
    expect(readPlanFile(JSON.stringify(file))).toEqual({ plan: 'Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)', query: 'select * from t', serverVersion: '18.4' })
  })

  it('take plain EXPLAIN output (text or JSON) as it is', () => {
    expect(readPlanFile('Seq Scan on t').plan).toBe('Seq Scan on t')
    const json = '[{"Plan": {"Node Type": "Result"}}]'
    expect(readPlanFile(json)).toEqual({ plan: json, query: null, serverVersion: null })
  })
})
