/**
 * `tusk joins`: on whole tables the stepper's final rows are PostgreSQL's own
 * answer (as a multiset), for every join kind; every pair is judged; padding
 * and the NOT IN trap are what the server says; what cannot be shown exits 2.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { requests, type RequestInput } from '@shared/api/contract'
import type { JoinSteps } from '@shared/joins/join-model'
import type { JoinPick } from '@shared/joins/join-pick'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { JoinsService } from '../../../electron/core/services/joins/joins-service'
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

/** PostgreSQL's answer to `sql` (on stepper.* tables) when the tables hold exactly the stepper's sampled rows. */
async function answerOnSample(steps: JoinSteps, sql: string): Promise<(string | null)[][]> {
  await client.query('begin')
  try {
    for (const input of steps.inputs) {
      const name = input.table!.split('.')[1]!
      if (await client.query(`select to_regclass('pg_temp.${name}')`).then((r) => r.rows[0].to_regclass)) continue
      await client.query(`create temp table ${name} (like ${input.table}) on commit drop`)
      for (const row of input.rows) await client.query(`insert into pg_temp.${name} values (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row)
    }
    return (await postgres(sql.replaceAll('stepper.', 'pg_temp.'))).rows
  } finally {
    await client.query('rollback')
  }
}

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
    expect(big.rows.some((r) => r[1] === null)).toBe(true)
    expect(multiset(steps.rows)).toEqual(multiset(await answerOnSample(steps, sql)))
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

describe('the Joins tab picker and the sample switch', () => {
  const ask = async (input: RequestInput<'joins.steps'>) => {
    const pool = new pg.Pool({ connectionString: url, max: 1 })
    try {
      const { connectionId, ...rest } = requests['joins.steps'].input.parse(input)
      return await new JoinsService({ pools: singlePool(pool) }).steps(connectionId, rest)
    } finally {
      await pool.end()
    }
  }

  it("a picked LEFT JOIN (employees ⟕ their projects) is SQL built from the tree, with the typed query's rows", async () => {
    const pick: JoinPick = {
      tables: [
        { schema: 'stepper', name: 'emp' },
        { schema: 'stepper', name: 'proj' }
      ],
      joins: [{ kind: 'LEFT', condition: { type: 'on', leftTable: 0, leftColumn: 'id', rightColumn: 'emp_id' } }]
    }
    const picked = await ask({ connectionId: 'c', pick, sampleSize: 50 })
    const typed = 'select * from stepper.emp e left join stepper.proj p on e.id = p.emp_id'
    expect(picked.sql).toBe('SELECT * FROM stepper.emp AS e LEFT JOIN stepper.proj AS p ON e.id = p.emp_id')
    const expected = await postgres(typed)
    expect(picked.columns).toEqual(expected.columns)
    expect(multiset(picked.rows)).toEqual(multiset(expected.rows))
    expect(multiset(picked.rows)).toEqual(multiset((await ask({ connectionId: 'c', sql: typed, sampleSize: 50 })).rows))
    // Dee (NULL dept, no project) and others without projects are padded.
    expect(picked.joins[0]!.padded.length).toBeGreaterThan(0)
  })

  it('refuses a request with both a query and a pick, or neither', () => {
    const pick = { tables: [{ schema: 's', name: 'a' }, { schema: 's', name: 'b' }], joins: [{ kind: 'CROSS', condition: { type: 'none' } }] }
    expect(requests['joins.steps'].input.safeParse({ connectionId: 'c', sql: 'select 1', pick }).success).toBe(false)
    expect(requests['joins.steps'].input.safeParse({ connectionId: 'c' }).success).toBe(false)
  })

  it('interesting rows off takes the first rows (no NULL key here), on adds the NULL key; both are PostgreSQL’s answer on their sample', async () => {
    const sql = 'select b.id, b.k, d.name from stepper.big b left join stepper.dept d on d.id = b.k'
    const plain = await ask({ connectionId: 'c', sql, sampleSize: 6, interestingRows: false })
    const interesting = await ask({ connectionId: 'c', sql, sampleSize: 6 })
    const keys = (steps: JoinSteps) => steps.inputs.find((i) => i.alias === 'b')!.rows.map((r) => r[1])
    expect(keys(plain)).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(keys(interesting)).toContain(null)
    for (const steps of [plain, interesting]) {
      expect(steps.inputs.find((i) => i.alias === 'b')!.rows).toHaveLength(6)
      expect(multiset(steps.rows)).toEqual(multiset(await answerOnSample(steps, sql)))
    }
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
