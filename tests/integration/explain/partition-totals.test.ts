/**
 * "3 of 13 partitions scanned" on a plan explained on a real server: the
 * planner leaves pruned partitions out of the plan, so the total comes from
 * the catalog (pg_inherits, both ways), read with the plan, on read-only
 * connections too, for quoted names and for partitions of partitions.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { requests } from '@shared/api/contract'
import { partitionPruning } from '@shared/explain/analyse/partition-pruning'
import { preorder } from '@shared/explain/model/plan-model'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { runExplain } from '../../../electron/core/services/explain/explain-runner'

let pool: pg.Pool

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
  await pool.query(`
    drop schema if exists "Part Tests" cascade;
    create schema "Part Tests";
    -- 12 monthly partitions and a default one: 13, as the sandbox's events.
    create table "Part Tests"."Events" (id int, day date not null) partition by range (day);
    do $$ begin
      for m in 0..11 loop
        execute format('create table "Part Tests".%I partition of "Part Tests"."Events" for values from (%L) to (%L)',
          'Events ' || to_char(date '2024-01-01' + make_interval(months => m), 'YYYY-MM'),
          date '2024-01-01' + make_interval(months => m), date '2024-01-01' + make_interval(months => m + 1));
      end loop;
    end $$;
    create table "Part Tests"."Events default" partition of "Part Tests"."Events" default;
    insert into "Part Tests"."Events" select g, date '2024-01-01' + (g % 366) from generate_series(1, 5000) g;
    -- A partition that is itself partitioned: 3 leaves under eu, 5 in all.
    create table "Part Tests".layered (region text not null, day date not null) partition by list (region);
    create table "Part Tests".layered_eu partition of "Part Tests".layered for values in ('eu') partition by range (day);
    create table "Part Tests".layered_eu_1 partition of "Part Tests".layered_eu for values from ('2024-01-01') to ('2024-05-01');
    create table "Part Tests".layered_eu_2 partition of "Part Tests".layered_eu for values from ('2024-05-01') to ('2024-09-01');
    create table "Part Tests".layered_eu_3 partition of "Part Tests".layered_eu for values from ('2024-09-01') to ('2025-01-01');
    create table "Part Tests".layered_us partition of "Part Tests".layered for values in ('us');
    create table "Part Tests".layered_other partition of "Part Tests".layered default;
    analyze "Part Tests"."Events";
  `)
})
afterAll(async () => {
  await pool.query('drop schema if exists "Part Tests" cascade')
  await pool.end()
})

/** The Append's pruning as the plan view says it, with the catalog's answer that came with the plan. */
async function pruningOf(connection: pg.Pool, sql: string, analyze: boolean) {
  const result = await runExplain(singlePool(connection), 'c', { sql, analyze })
  // What crosses the process boundary keeps the contract.
  requests['explain.run'].output.parse({ ...result, advice: [] })
  const parsed = parsePlan(result.planJson)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const append = preorder(parsed.plan.root).find((n) => n.nodeType === 'Append')
  return { result, pruning: append ? partitionPruning(append, result.partitions) : null, pasted: append ? partitionPruning(append) : null }
}

describe('partition totals from the catalog', () => {
  it('says "3 of 13 partitions scanned (10 pruned at planning)" where the plan lists only the 3, and a pasted copy only what it shows', async () => {
    const { result, pruning, pasted } = await pruningOf(pool, `select count(*) from "Part Tests"."Events" where day >= date '2024-03-01' and day < date '2024-06-01'`, true)
    expect(result.partitions.map((p) => p.name).sort()).toEqual(['Events 2024-03', 'Events 2024-04', 'Events 2024-05'])
    expect(result.partitions[0]!.ancestors).toEqual([{ schema: 'Part Tests', name: 'Events', partitions: 13 }])
    expect(pruning).toMatchObject({ table: 'Part Tests.Events', scanned: 3, total: 13, prunedAtPlanning: 10, summary: '3 of 13 partitions scanned (10 pruned at planning)' })
    expect(pasted).toMatchObject({ total: null, summary: '3 partitions scanned' })
  })

  it('adds the partitions pruned at run time to the story', async () => {
    const { pruning } = await pruningOf(pool, `select count(*) from "Part Tests"."Events" where day >= (select date '2024-11-15')`, true)
    // The planner keeps all 13 (the bound is a parameter); execution skips all but November, December and the default.
    expect(pruning).toMatchObject({ scanned: 3, total: 13, prunedAtPlanning: 0, summary: '3 of 13 partitions scanned (10 never executed)' })
  })

  it('counts the leaves of a partitioned partition, under the table the query names', async () => {
    const { result, pruning } = await pruningOf(pool, `select count(*) from "Part Tests".layered where region in ('eu', 'us') and day >= date '2024-06-01' and day < date '2024-07-01'`, false)
    expect(result.partitions.find((p) => p.name === 'layered_eu_2')!.ancestors).toEqual([
      { schema: 'Part Tests', name: 'layered_eu', partitions: 3 },
      { schema: 'Part Tests', name: 'layered', partitions: 5 }
    ])
    expect(pruning).toMatchObject({ table: 'Part Tests.layered', scanned: 2, total: 5, summary: '2 of 5 partitions scanned (3 pruned at planning)' })
  })

  it('reads the catalog on a read-only connection (a SELECT only)', async () => {
    const readOnly = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1, options: '-c default_transaction_read_only=on' })
    try {
      // One partition left: the plan scans it alone, without an Append to speak for.
      const { pruning } = await pruningOf(readOnly, `select * from "Part Tests"."Events" where day = date '2024-02-10'`, false)
      expect(pruning).toBeNull()
      const two = await pruningOf(readOnly, `select * from "Part Tests"."Events" where day in (date '2024-02-10', date '2024-07-01')`, false)
      expect(two.pruning).toMatchObject({ summary: '2 of 13 partitions scanned (11 pruned at planning)' })
    } finally {
      await readOnly.end()
    }
  })

  it('answers no partitions for a plan without an Append', async () => {
    expect((await runExplain(singlePool(pool), 'c', { sql: 'select 1', analyze: false })).partitions).toEqual([])
  })
})
