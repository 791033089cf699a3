/**
 * `tusk joins`: on whole tables the stepper's final rows are PostgreSQL's own
 * answer (as a multiset), for every join kind; every pair is judged; padding
 * and the NOT IN trap are what the server says; what cannot be shown exits 2.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { JoinSteps } from '@shared/joins/join-model'
import { runCli } from '../../../electron/cli/run-cli'
import { joinQueries, loadFixture } from './join-stepper-fixture'

const url = inject('databaseUrl')
let client: pg.Client

beforeAll(async () => {
  client = new pg.Client(url)
  await client.connect()
  await loadFixture(client)
})

afterAll(async () => {
  await client.end()
})

async function stepper(sql: string, sample = 1000): Promise<{ code: number; steps: JoinSteps; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(['joins', '--db', url, '--sql', sql, '--sample', String(sample), '--json'], (l) => out.push(l), (l) => err.push(l))
  return { code, steps: code === 0 ? (JSON.parse(out.join('\n')) as JoinSteps) : (undefined as never), err: err.join('\n') }
}

async function postgres(sql: string) {
  const result = await client.query<(string | null)[]>({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })
  return { columns: result.fields.map((f) => f.name), rows: result.rows }
}

const multiset = (rows: (string | null)[][]) => rows.map((r) => JSON.stringify(r)).sort()

describe('tusk joins: final rows equal PostgreSQL on whole tables', () => {
  it.each(joinQueries)('%s', async (sql) => {
    const { code, steps, err } = await stepper(sql)
    expect(err).toBe('')
    expect(code).toBe(0)
    const expected = await postgres(sql)
    expect(steps.columns).toEqual(expected.columns)
    expect(multiset(steps.rows)).toEqual(multiset(expected.rows))
    expect(steps.warnings).toEqual([])
    if (new Set(expected.columns).size === expected.columns.length) {
      expect(steps.result).toEqual(steps.rows.map((r) => Object.fromEntries(expected.columns.map((c, i) => [c, r[i]]))))
    } else {
      expect(steps.result).toBeUndefined()
    }
    for (const join of steps.joins) expect(join.pairs.length).toBe(join.left.rows.length * join.right.rows.length)
  })
})

describe('tusk joins: what each step shows', () => {
  it('a LEFT JOIN judges all 6 × 4 pairs, NULL keys as unknown, and pads the two unmatched employees', async () => {
    const { steps } = await stepper('select e.name, d.name from stepper.emp e left join stepper.dept d on d.id = e.dept_id')
    const [join] = steps.joins
    expect(join!.pairs).toHaveLength(24)
    expect(join!.pairs.filter((p) => p.on === null)).toHaveLength(4)
    expect(join!.padded.map((p) => p.values[1])).toEqual(expect.arrayContaining(['Dee', 'Eve']))
    expect(join!.padded.every((p) => p.values.slice(5).every((v) => v === null))).toBe(true)
    expect(steps.steps.map((s) => s.counter)).toContain('6 × 4 = 24 candidate pairs')
    expect(steps.rows).toHaveLength(6)
    expect(steps.trace).toHaveLength(6)
  })

  it('fan-out: one employee with two projects becomes two rows', async () => {
    const { steps } = await stepper('select e.name, p.title from stepper.emp e join stepper.proj p on p.emp_id = e.id')
    expect(steps.joins[0]!.fanOut).toBe(2)
  })

  it('NOT IN with a NULL in the subquery keeps nothing, and says why', async () => {
    const { steps } = await stepper('select * from stepper.dept d where d.id not in (select dept_id from stepper.emp)')
    expect(steps.rows).toEqual([])
    const semi = steps.joins.find((j) => j.written === 'NOT IN')!
    expect(semi.output).toEqual([])
    expect(steps.steps.find((s) => s.kind === 'semi')!.narration).toContain('NULL trap')
  })

  it('a WHERE on the padded side of a LEFT JOIN is called out', async () => {
    const { steps } = await stepper("select e.name, d.name from stepper.emp e left join stepper.dept d on d.id = e.dept_id where d.city = 'Paris'")
    expect(steps.where!.removedPadded).toBe(2)
    expect(steps.steps.find((s) => s.kind === 'where')!.narration).toContain('inner join')
  })

  it('samples a large table without reading it whole, picking rows that match and a NULL key', async () => {
    const sql = 'select b.id, b.k, d.name from stepper.big b left join stepper.dept d on d.id = b.k'
    const { steps } = await stepper(sql, 6)
    const big = steps.inputs.find((i) => i.alias === 'b')!
    expect(big.wholeTable).toBe(false)
    expect(big.rows).toHaveLength(6)
    // The stepper's rows are the query's rows on exactly the sampled rows.
    await client.query('begin')
    try {
      for (const input of steps.inputs) {
        await client.query(`create temp table ${input.table!.split('.')[1]} (like ${input.table}) on commit drop`)
        for (const row of input.rows) await client.query(`insert into pg_temp.${input.table!.split('.')[1]} values (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row)
      }
      const expected = await postgres(sql.replaceAll('stepper.', 'pg_temp.'))
      expect(multiset(steps.rows)).toEqual(multiset(expected.rows))
    } finally {
      await client.query('rollback')
    }
  })

  it.each([
    ['select * from stepper.emp e, lateral (select * from stepper.dept d where d.id = e.dept_id) x', 'LATERAL'],
    ['select d.name, count(*) from stepper.emp e join stepper.dept d on d.id = e.dept_id group by d.name', 'GROUP BY'],
    ['select count(*) from stepper.emp e join stepper.dept d on d.id = e.dept_id', 'aggregate'],
    ['select e.name, rank() over (order by e.salary) from stepper.emp e join stepper.dept d on d.id = e.dept_id', 'window'],
    ['select id from stepper.emp union select id from stepper.dept', 'UNION'],
    ['select * from stepper.emp', 'without a join'],
    ['delete from stepper.emp', 'only SELECT']
  ])('refuses %s naming %s, exit 2', async (sql, named) => {
    const { code, err } = await stepper(sql)
    expect(code).toBe(2)
    expect(err).toContain(named)
  })
})

describe('tusk joins on another major version (PostgreSQL 15)', () => {
  const second = inject('secondDatabaseUrl')
  it.skipIf(!second)('gives the same rows as that server for a sample of the join kinds', async () => {
    const other = new pg.Client(second)
    await other.connect()
    try {
      await loadFixture(other)
      for (const sql of joinQueries.filter((_, i) => i % 5 === 0)) {
        const out: string[] = []
        const code = await runCli(['joins', '--db', second, '--sql', sql, '--sample', '1000', '--json'], (l) => out.push(l), () => undefined)
        expect(code, sql).toBe(0)
        const steps = JSON.parse(out.join('\n')) as JoinSteps
        const expected = await other.query<(string | null)[]>({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })
        expect(multiset(steps.rows), sql).toEqual(multiset(expected.rows))
      }
    } finally {
      await other.end()
    }
  })
})
