/**
 * Advice on the sandbox's million loans (no index on member_id): the advice
 * names the index, `tusk advise --verify` checks it with a rolled-back index,
 * and applying it makes the same query use it and run faster. The index is
 * dropped afterwards: the sandbox persists between runs.
 */
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'
import { singlePool } from '../../../electron/core/postgres/pool-provider'
import { AdviceService } from '../../../electron/core/services/advice/advice-service'
import { SandboxService } from '../../../electron/core/services/sandbox/sandbox-service'
import type { ApplyProgress } from '@shared/advice/advice-item'
import { testClusterRoot } from '../support/global-setup'

const sandbox = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox') })
let url = ''
let pool: pg.Pool
const query = 'select id, loaned_at from loans where member_id = 4242'
const indexName = 'loans_member_id_idx'

beforeAll(async () => {
  const status = await sandbox.start()
  expect(status.error).toBeNull()
  const info = sandbox.connectionInfo()!
  url = `postgres://${encodeURIComponent(info.user)}:${encodeURIComponent(String(info.password))}@${info.host}:${info.port}/${info.database}`
  pool = new pg.Pool({ connectionString: url, max: 3 })
  await pool.query(`drop index if exists ${indexName}`)
})
afterAll(async () => {
  await pool?.query(`drop index if exists ${indexName}`).catch(() => undefined)
  await pool?.end()
  await sandbox.stop()
})

async function executionMs(): Promise<{ ms: number; indexes: string[] }> {
  const runs: number[] = []
  let indexes: string[] = []
  for (let i = 0; i < 3; i++) {
    const { rows } = await pool.query(`explain (analyze, format json) ${query}`)
    const top = rows[0]['QUERY PLAN'][0]
    runs.push(top['Execution Time'])
    indexes = JSON.stringify(top.Plan).match(/"Index Name":"[^"]+"/g) ?? []
  }
  return { ms: Math.min(...runs), indexes }
}

describe('advice on the sandbox', () => {
  it('tusk advise --verify names the missing index and its cost before and after a rolled-back build', { timeout: 120_000 }, async () => {
    const lines: string[] = []
    const errors: string[] = []
    expect(await runCli(['advise', '--db', url, '--sql', query, '--verify', '--json'], (l) => lines.push(l), (l) => errors.push(l))).toBe(0)
    const { advice } = JSON.parse(lines.join('\n'))
    expect(advice[0]).toMatchObject({ kind: 'index', schema: 'public', table: 'loans', columns: ['member_id'], method: 'btree' })
    expect(advice[0].statement).toMatch(/^CREATE INDEX CONCURRENTLY loans_member_id_idx ON public\.loans USING btree \(member_id\)/)
    expect(advice[0].verification).toMatchObject({ method: 'rolled-back-index', used: true, verdict: 'recommended' })
    expect(advice[0].verification.costAfter).toBeLessThan(advice[0].verification.costBefore * 0.7)
    // The user is told about the lock before the build, and nothing was left behind.
    expect(errors.join('\n')).toMatch(/SHARE lock on public\.loans \([\d.]+ MB, about [\d,]+ rows\)/)
    expect((await pool.query('select to_regclass($1) as r', [indexName])).rows[0].r).toBeNull()
  })

  it('says nothing where an index already serves the query', { timeout: 60_000 }, async () => {
    const lines: string[] = []
    expect(await runCli(['advise', '--db', url, '--sql', 'select * from loans where id = 42', '--json'], (l) => lines.push(l))).toBe(0)
    expect(JSON.parse(lines.join('\n'))).toEqual({ advice: [] })
  })

  it('applying the advice makes the same query use the index and run faster', { timeout: 180_000 }, async () => {
    const service = new AdviceService({ pools: singlePool(pool), publishProgress: (p) => progress.push(p) })
    const progress: ApplyProgress[] = []
    const before = await executionMs()
    const { advice } = await service.advise('sandbox', { sql: query, analyze: true, verify: false })
    const item = advice.find((a) => a.kind === 'index')!
    expect(item.columns).toEqual(['member_id'])
    expect(await service.apply('sandbox', item)).toMatchObject({ applied: true, indexName })
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: true })
    const after = await executionMs()
    expect(before.indexes).toEqual([])
    expect(after.indexes.join()).toContain(indexName)
    expect(after.ms).toBeLessThan(before.ms / 5)
    // With the index in place, the same query gets no index advice.
    const again = await service.advise('sandbox', { sql: query, analyze: false, verify: false })
    expect(again.advice.filter((a) => a.kind === 'index')).toEqual([])
  })

  it('refuses to apply on a read-only connection', async () => {
    const service = new AdviceService({ pools: singlePool(pool, { readOnly: true }) })
    const { advice } = await new AdviceService({ pools: singlePool(pool) }).advise('sandbox', { sql: 'select id from loans where book_id = 17', analyze: false, verify: false })
    await expect(service.apply('sandbox', advice[0]!)).rejects.toMatchObject({ data: { code: 'advice/read-only' } })
  })
})
