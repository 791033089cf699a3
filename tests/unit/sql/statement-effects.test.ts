import { describe, expect, it } from 'vitest'
import { statementEffect } from '@shared/sql/statement-effects'

describe('what a statement does, for the EXPLAIN ANALYZE warning', () => {
  it.each([
    ['update loans set status_id = 2 where id = 1', 'writes'],
    ['insert into t values (1)', 'writes'],
    ['with d as (delete from t returning *) select * from d', 'writes'],
    ['create index on loans (member_id)', 'writes'],
    ['select * from loans where id = 1 for update', 'may-write'],
    ['select my_function(1)', 'may-write'],
    ['select * from loans where member_id = 42', 'reads'],
    ['values (1), (2)', 'reads'],
    ['select m.city, count(*) from loans l join members m on m.id = l.member_id group by m.city order by 2 desc', 'reads'],
    ["select lower(full_name), pg_catalog.date_trunc('month', joined_on) from members", 'reads'],
    ["select nextval('loans_id_seq')", 'may-write'],
    ['select count(*) from loans where my_function(id)', 'may-write'],
    ['select lower(audit_and_return(full_name)) from members', 'may-write'],
    ['select myschema.count(*) from loans', 'may-write']
  ])('%s → %s', async (sql, effect) => {
    expect(await statementEffect(sql)).toBe(effect)
  })
})
