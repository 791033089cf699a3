/**
 * EXPLAIN ANALYZE from the editor never changes data: an UPDATE explained with
 * ANALYZE leaves the table as it was.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { runExplain } from '../../../electron/core/services/explain/explain-runner'
import { ExplainService } from '../../../electron/core/services/explain/explain-service'

let pool: pg.Pool

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
  await pool.query('drop table if exists explain_t; create table explain_t (id int primary key, x int); insert into explain_t select g, 0 from generate_series(1, 1000) g')
})
afterAll(() => pool.end())

describe('explain runner', () => {
  it('runs an UPDATE for real under ANALYZE, and rolls it back', async () => {
    const result = await runExplain(singlePool(pool), 'c', { sql: 'update explain_t set x = 1', analyze: true })
    expect(result).toMatchObject({ effect: 'writes', rolledBack: true, analyze: true })
    const plan = JSON.parse(result.planJson)[0]
    expect(plan['Plan']['Node Type']).toBe('ModifyTable')
    expect(plan['Plan']['Plans'][0]['Actual Rows']).toBe(1000)
    expect(plan['Execution Time']).toBeGreaterThan(0)
    expect((await pool.query('select count(*)::int as n from explain_t where x = 1')).rows[0].n).toBe(0)
  })

  it('explains without executing, with the statement under the cursor', async () => {
    const sql = 'select 1;\nselect * from explain_t where id = 5'
    const result = await runExplain(singlePool(pool), 'c', { sql, cursorOffset: sql.length - 3, analyze: false })
    expect(result.statement).toBe('select * from explain_t where id = 5')
    const plan = JSON.parse(result.planJson)[0]
    expect(plan['Plan']['Node Type']).toBe('Index Scan')
    expect(plan['Plan']['Actual Rows']).toBeUndefined()
  })

  it('puts a syntax error at its place in the submitted text', async () => {
    const sql = 'select 1;\nselect * fromm explain_t'
    await expect(runExplain(singlePool(pool), 'c', { sql, cursorOffset: sql.length, analyze: false })).rejects.toSatisfy((error: { data: { position?: number; message: string } }) => {
      const token = error.data.message.match(/at or near "([^"]+)"/)![1]!
      return sql.slice(error.data.position! - 1).startsWith(token)
    })
  })

  it('cancels a running Explain Analyze within a second, and the write it was running is not kept', async () => {
    const explains = new ExplainService({ pools: singlePool(pool) })
    const sql = 'update explain_t set x = 7 where pg_sleep(0.01) is not null'
    const running = explains.run('c', { sql, analyze: true, explainId: 'slow-one' })
    const outcome = running.then(
      () => 'finished',
      (error: { data: { code: string; message: string } }) => error.data
    )
    await new Promise((resolve) => setTimeout(resolve, 400))
    const asked = performance.now()
    expect(await explains.cancel('slow-one')).toEqual({ cancelled: true })
    expect(await outcome).toMatchObject({ code: 'query/cancelled', message: expect.stringContaining('Cancelled') })
    expect(performance.now() - asked).toBeLessThan(1000)
    expect((await pool.query('select count(*)::int as n from explain_t where x = 7')).rows[0].n).toBe(0)
    expect(await explains.cancel('slow-one')).toEqual({ cancelled: false })
  })

  it('names the statement_timeout guard when it stops an explain', async () => {
    const guarded = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1, options: '-c statement_timeout=300' })
    try {
      await expect(new ExplainService({ pools: singlePool(guarded) }).run('c', { sql: 'select pg_sleep(5)', analyze: true })).rejects.toSatisfy(
        (error: { data: { sqlstate?: string; hint?: string } }) => error.data.sqlstate === '57014' && /statement_timeout/.test(error.data.hint ?? '')
      )
    } finally {
      await guarded.end()
    }
  })
})
