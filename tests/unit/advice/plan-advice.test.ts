/** Advice on plans captured from PostgreSQL 18: each rule where the plan shows the problem, and silence where it does not. */
import { describe, expect, it } from 'vitest'
import type { ExistingIndex } from '@shared/advice/advice-item'
import { adviceFor } from './advice-fixtures'

const statements = async (name: string) => (await adviceFor(name)).map((a) => a.statement)

describe('index advice from a plan', () => {
  it('puts the equality column before the range column', async () => {
    const [item] = await adviceFor('seq-eq-range')
    expect(item).toMatchObject({ kind: 'index', severity: 'high', table: 'loans', schema: 'public', columns: ['member_id', 'loaned_at'], method: 'btree', nodeId: 0 })
    expect(item!.statement).toBe('CREATE INDEX CONCURRENTLY loans_member_id_loaned_at_idx ON public.loans USING btree (member_id, loaned_at)')
    expect(item!.evidence).toMatch(/^read 300,000 rows to return 3; 99\.999 % removed by the filter/)
  })

  it('indexes the expression a filter applies to the column', async () => {
    const [item] = await adviceFor('seq-lower-email')
    expect(item).toMatchObject({ columns: ['lower(email)'], method: 'btree' })
    expect(item!.statement).toContain('USING btree ((lower(email)))')
  })

  it('uses text_pattern_ops for a prefix LIKE and a trigram GIN for a leading wildcard', async () => {
    expect((await statements('seq-like-prefix'))[0]).toContain('USING btree (email text_pattern_ops)')
    const [infix] = await adviceFor('seq-like-infix')
    expect(infix!.statement).toContain('USING gin (email gin_trgm_ops)')
    expect(infix!.reason).toContain('pg_trgm')
  })

  it('suggests GIN for JSONB containment (jsonb_path_ops), key existence, arrays and full text', async () => {
    expect((await statements('jsonb-contains'))[0]).toContain('USING gin (prefs jsonb_path_ops)')
    expect((await statements('jsonb-exists'))[0]).toMatch(/USING gin \(prefs\)$/)
    expect((await statements('array-overlap'))[0]).toMatch(/USING gin \(tags\)$/)
    const [fulltext] = await adviceFor('fulltext')
    expect(fulltext).toMatchObject({ method: 'gin', table: 'members' })
    expect(fulltext!.statement).toMatch(/members_to_tsvector_name_idx ON public\.members USING gin \(\(to_tsvector\(.*'simple'.*name\)\)\)$/)
  })

  it('makes a rare boolean condition the WHERE of a partial index', async () => {
    expect((await statements('partial-bool'))[0]).toMatch(/USING btree \(country\) INCLUDE \(id\) WHERE NOT \(?active\)?$/)
  })

  it('indexes the equality filter then the sort key, in its direction, for a top-N sort', async () => {
    const advice = await adviceFor('top-n-eq-sort')
    expect(advice.map((a) => a.statement)).toEqual(['CREATE INDEX CONCURRENTLY loans_status_loaned_at_idx ON public.loans USING btree (status, loaned_at DESC)'])
    expect(advice[0]!.reason).toContain("partial index on (loaned_at) WHERE status = 'late'")
    expect(advice[0]!.evidence).toMatch(/^sorted 3,092 rows to keep 10/)
  })

  it('keeps NULLS LAST on a descending sort key', async () => {
    expect(await statements('top-n-nulls')).toEqual(['CREATE INDEX CONCURRENTLY loans_returned_at_idx ON public.loans USING btree (returned_at DESC NULLS LAST)'])
  })

  it('indexes the inner join key of a nested loop that scans a big table on every loop', async () => {
    const [item] = await adviceFor('nested-loop-inner')
    expect(item).toMatchObject({ table: 'loans', columns: ['member_id'], nodeId: 2 })
    expect(item!.evidence).toContain('over 8 loops')
  })

  it.each(['hash-join-discard', 'nested-loop-discard'])('indexes the join key of a big scan the %s mostly throws away', async (name) => {
    const [item] = await adviceFor(name)
    expect(item).toMatchObject({ kind: 'index', table: 'loans', columns: ['member_id'], nodeId: 1 })
    expect(item!.evidence).toMatch(/fed 300,000 rows to a .* that kept 24/)
  })

  it('extends an index scan whose filter removes most rows, equality column first', async () => {
    const [item] = await adviceFor('index-scan-filter')
    expect(item).toMatchObject({ kind: 'extend-index', columns: ['status', 'book_id'] })
    expect(item!.reason).toContain('loans_book_idx')
  })
})

describe('advice that is not an index', () => {
  it('raises work_mem for a sort and a hash that spilled, with the size seen', async () => {
    const [sort] = await adviceFor('sort-spill')
    expect(sort).toMatchObject({ kind: 'work-mem', statement: "SET work_mem = '16MB'" })
    expect(sort!.evidence).toMatch(/kB on disk with work_mem = 64kB/)
    expect((await adviceFor('hash-spill'))[0]).toMatchObject({ kind: 'work-mem', nodeId: 2 })
  })

  it('raises work_mem for a lossy bitmap and vacuums for heap fetches', async () => {
    expect((await adviceFor('bitmap-lossy'))[0]).toMatchObject({ kind: 'work-mem', nodeId: 1 })
    expect((await adviceFor('index-only-heap-fetches'))[0]).toMatchObject({ kind: 'vacuum', statement: 'VACUUM (ANALYZE) public.loans' })
  })

  it('suggests extended statistics for correlated columns, and makes the index advice tentative', async () => {
    const advice = await adviceFor('misestimate-correlated')
    const statistics = advice.find((a) => a.kind === 'statistics')
    expect(statistics?.statement).toBe('CREATE STATISTICS members_country_city_stats (dependencies, ndistinct, mcv) ON country, city FROM public.members; ANALYZE public.members')
    expect(advice.find((a) => a.kind === 'index')).toMatchObject({ tentative: true, severity: 'medium' })
  })

  it('gives a rewrite hint, not an index, for <> and for OR across columns', async () => {
    for (const name of ['rewrite-not-equal', 'rewrite-or']) {
      const advice = await adviceFor(name)
      expect(advice.map((a) => a.kind), name).toEqual(['rewrite'])
      expect(advice[0]!.statement).toBeNull()
    }
  })
})

describe('silence', () => {
  it.each(['silent-small', 'silent-unselective', 'silent-negligible'])('%s: no advice', async (name) => {
    expect(await adviceFor(name)).toEqual([])
  })

  it('says nothing an existing index already covers', async () => {
    const existing: ExistingIndex = { schema: 'public', table: 'loans', name: 'loans_book_idx', method: 'btree', columns: ['book_id'], unique: false, primary: false, partial: false, valid: true }
    expect(await adviceFor('silent-covered')).toHaveLength(1)
    expect(await adviceFor('silent-covered', { existingIndexes: [existing] })).toEqual([])
    // An index with the same columns in another order covers equality columns, not a range after them.
    const swapped = { ...existing, name: 'loans_loaned_member_idx', columns: ['loaned_at', 'member_id'] }
    expect(await adviceFor('seq-eq-range', { existingIndexes: [swapped] })).toHaveLength(1)
  })

  it('judges a plan without ANALYZE from the relation size the server reports', async () => {
    expect(await adviceFor('seq-eq-range-estimates')).toEqual([])
    const [item] = await adviceFor('seq-eq-range-estimates', { relationRows: (_schema, table) => (table === 'loans' ? 300_000 : null) })
    expect(item).toMatchObject({ columns: ['member_id', 'loaned_at'] })
    expect(item!.evidence).toMatch(/^estimated to read 300,000 rows/)
  })
})
