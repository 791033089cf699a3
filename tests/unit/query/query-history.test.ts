import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'
import { QueryHistory } from '../../../electron/core/services/query/query-history'

const entry = (sql: string, at: number) => ({ at, connectionId: 'c1', connectionName: 'Sandbox', sql, status: 'done' as const, command: 'SELECT', rowCount: 1, durationMs: 1.5 })

describe('query history', () => {
  it('lists newest first, searches, and survives a restart with a torn last line', async () => {
    const dir = tempDir('history')
    const history = new QueryHistory(dir)
    history.record(entry('select * from loans', 1))
    history.record(entry('select count(*) from members', 2))
    history.record(entry('update members set city = 1 where id = 2', 3))
    expect(history.list(undefined, 10).map((e) => e.at)).toEqual([3, 2, 1])
    expect(history.list('MEMBERS', 10).map((e) => e.at)).toEqual([3, 2])
    await new Promise((r) => setTimeout(r, 50))
    appendFileSync(path.join(dir, 'history.jsonl'), '{"id":"torn","at":')
    const reopened = new QueryHistory(dir)
    expect(reopened.list(undefined, 10).map((e) => e.sql)).toEqual(['update members set city = 1 where id = 2', 'select count(*) from members', 'select * from loans'])
  })
})
