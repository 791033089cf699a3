import { describe, expect, it } from 'vitest'
import { analyseJoinQuery, UnsupportedJoinQuery } from '@shared/joins/join-analysis'

describe('join analysis', () => {
  it('reads a three-way join as (A ⋈ B) ⋈ C, with ON re-emitted from the parse tree', async () => {
    const a = await analyseJoinQuery('select * from loans l left join members m on m.id = l.member_id join books b using (id)')
    expect(a.joins.map((j) => [j.id, j.kind, j.written, j.condition])).toEqual([
      [1, 'LEFT', 'ON', 'm.id = l.member_id'],
      [2, 'INNER', 'USING', 'USING (id)']
    ])
    expect(a.leaves.map((l) => l.alias)).toEqual(['l', 'm', 'b'])
    expect(a.keys).toContainEqual({ left: { leaf: 2, column: 'id' }, right: { leaf: 1, column: 'member_id' } })
  })

  it('turns EXISTS, NOT EXISTS, IN and NOT IN conjuncts into semi- and anti-joins', async () => {
    const a = await analyseJoinQuery('select * from t where exists (select 1 from u where u.k = t.k) and not exists (select 1 from v where v.k = t.k) and t.x in (select y from w) and t.z not in (select y from w) and t.q > 1')
    expect(a.semis.map((s) => [s.kind, s.written])).toEqual([
      ['SEMI', 'EXISTS'],
      ['ANTI', 'NOT EXISTS'],
      ['SEMI', 'IN'],
      ['ANTI', 'NOT IN']
    ])
    expect(a.conjuncts).toHaveLength(5)
  })

  it('reads comma lists as cross joins and NATURAL joins as such', async () => {
    const a = await analyseJoinQuery('select * from a, b natural join c')
    expect(a.joins.map((j) => [j.kind, j.written])).toEqual([
      ['INNER', 'NATURAL'],
      ['CROSS', ',']
    ])
  })

  it.each([
    ['select * from a, lateral (select 1) x', 'LATERAL'],
    ['select count(*) from a join b on a.x = b.x', 'count()'],
    ['select a.x, sum(b.y) from a join b on true group by a.x', 'GROUP BY'],
    ['select row_number() over () from a join b on true', 'window'],
    ['select 1 from a', 'without a join'],
    ['select 1 union select 2', 'UNION'],
    ['update a set x = 1', 'only SELECT'],
    ['select * from a where exists (select 1 from b) or true', 'not a WHERE condition of its own'],
    ['select * from a, generate_series(1, a.n) g', 'implicitly LATERAL'],
    ['selec nonsense', 'does not parse']
  ])('refuses %s, naming %s', async (sql, named) => {
    const error = await analyseJoinQuery(sql).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnsupportedJoinQuery)
    expect((error as Error).message).toContain(named)
  })
})
