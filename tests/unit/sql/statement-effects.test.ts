import { describe, expect, it } from 'vitest'
import { statementEffect } from '../../../shared/sql/statement-effects'

describe('what a statement does, for the EXPLAIN ANALYZE warning', () => {
  it.each([
    ['update loans set status_id = 2 where id = 1', 'writes'],
    ['insert into t values (1)', 'writes'],
    ['with d as (delete from t returning *) select * from d', 'writes'],
    ['create index on loans (member_id)', 'writes'],
    ['select * from loans where id = 1 for update', 'may-write'],
    ['select my_function(1)', 'may-write'],
    ['select * from loans where member_id = 42', 'reads'],
    ['values (1), (2)', 'reads']
  ])('%s → %s', async (sql, effect) => {
    expect(await statementEffect(sql)).toBe(effect)
  })
})
