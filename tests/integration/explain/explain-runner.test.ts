/**
 * EXPLAIN ANALYZE from the editor never changes data: an UPDATE explained with
 * ANALYZE leaves the table as it was.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runExplain } from '../../../electron/main/services/explain/explain-runner'

let pool: pg.Pool

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
  await pool.query('drop table if exists explain_t; create table explain_t (id int primary key, x int); insert into explain_t select g, 0 from generate_series(1, 1000) g')
})
afterAll(() => pool.end())

describe('explain runner', () => {
  it('runs an UPDATE for real under ANALYZE, and rolls it back', async () => {
    const result = await runExplain(pool, { sql: 'update explain_t set x = 1', analyze: true })
    expect(result).toMatchObject({ effect: 'writes', rolledBack: true, analyze: true })
    const plan = JSON.parse(result.planJson)[0]
    expect(plan['Plan']['Node Type']).toBe('ModifyTable')
    expect(plan['Plan']['Plans'][0]['Actual Rows']).toBe(1000)
    expect(plan['Execution Time']).toBeGreaterThan(0)
    expect((await pool.query('select count(*)::int as n from explain_t where x = 1')).rows[0].n).toBe(0)
  })

  it('explains without executing, with the statement under the cursor', async () => {
    const sql = 'select 1;\nselect * from explain_t where id = 5'
    const result = await runExplain(pool, { sql, cursorOffset: sql.length - 3, analyze: false })
    expect(result.statement).toBe('select * from explain_t where id = 5')
    const plan = JSON.parse(result.planJson)[0]
    expect(plan['Plan']['Node Type']).toBe('Index Scan')
    expect(plan['Plan']['Actual Rows']).toBeUndefined()
  })

  it('puts a syntax error at its place in the submitted text', async () => {
    const sql = 'select 1;\nselect * fromm explain_t'
    await expect(runExplain(pool, { sql, cursorOffset: sql.length, analyze: false })).rejects.toSatisfy((error: { data: { position?: number; message: string } }) => {
      const token = error.data.message.match(/at or near "([^"]+)"/)![1]!
      return sql.slice(error.data.position! - 1).startsWith(token)
    })
  })
})
