/**
 * Running scripts against a real server: one result per statement, errors
 * positioned in the editor's text, cancel within a second, a million rows
 * streamed with bounded memory and paged from anywhere.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import type { QueryRunSnapshot } from '@shared/query/query-run'
import { ConnectionService } from '../../../electron/core/services/connections/connection-service'
import { QueryRunService } from '../../../electron/core/services/query/query-run-service'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { ensureRole, urlParts } from '../support/test-roles'
import { watchRuns } from './support/run-watcher'

const superuserUrl = inject('databaseUrl')
const role = { user: 'tusk_runner', password: 'runner-pw-1' }
const watcher = watchRuns(() => runs)
const snapshots = watcher.seen
let connections: ConnectionService
let runs: QueryRunService
let connectionId: string

beforeAll(async () => {
  await ensureRole(superuserUrl, role.user, role.password, 'createdb')
  const server = urlParts(superuserUrl)
  connections = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-run-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
  const profile = await connections.save({
    draft: { ...defaultConnectionDraft, name: 'runner', host: server.host, port: server.port, database: 'postgres', user: role.user, sslMode: 'disable' },
    password: role.password,
    savePassword: false
  })
  connectionId = profile.id
  await connections.open(connectionId)
  runs = new QueryRunService({ pools: connections, publish: watcher.publish })
})
afterAll(async () => {
  await runs.dispose()
  await connections.dispose()
})

async function finished(runId: string, timeoutMs = 60_000): Promise<QueryRunSnapshot> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const last = snapshots.filter((s) => s.runId === runId).at(-1)
    if (last && last.state !== 'running') return last
    if (Date.now() > deadline) throw new Error('run did not finish')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('running scripts', () => {
  it('gives each statement of a script its own result', async () => {
    const sql = `create temp table t3 (id int, name text);\ninsert into t3 select g, 'n' || g from generate_series(1, 42) g;\nselect id, name, null::text as nothing, '' as empty from t3 order by id;`
    const started = await runs.start({ connectionId, sql, confirmUnboundedWrites: false })
    const done = await finished(started.runId)
    expect(done.state).toBe('done')
    expect(done.results.map((r) => [r.status, r.command, r.rowCount])).toEqual([
      ['done', 'CREATE', null],
      ['done', 'INSERT', 42],
      ['done', 'SELECT', 42]
    ])
    expect(done.results[2]!.fields.map((f) => `${f.name}:${f.typeName}`)).toEqual(['id:int4', 'name:text', 'nothing:text', 'empty:text'])
    const page = await runs.page({ runId: started.runId, resultIndex: 2, offset: 40, limit: 10 })
    // NULL and the empty string stay distinct.
    expect(page.rows).toEqual([
      ['41', 'n41', null, ''],
      ['42', 'n42', null, '']
    ])
  })

  it('runs only the statement under the cursor when asked', async () => {
    const sql = 'select 1 as one;\nselect 2 as two;'
    const started = await runs.start({ connectionId, sql, cursorOffset: sql.indexOf('two'), confirmUnboundedWrites: false })
    const done = await finished(started.runId)
    expect(done.results).toHaveLength(1)
    expect(done.results[0]!.fields[0]!.name).toBe('two')
  })

  it('reports a syntax error at its position in the whole text, and stops there', async () => {
    const sql = 'select 1;\nselect * fromm pg_class;\nselect 3;'
    const done = await finished((await runs.start({ connectionId, sql, confirmUnboundedWrites: false })).runId)
    expect(done.state).toBe('failed')
    const error = done.results[1]!.error!
    expect(error.sqlstate).toBe('42601')
    // The marker lands on the token the server names, counted in the whole text.
    const token = error.message.match(/at or near "([^"]+)"/)![1]!
    expect(error.position! - 1).toBeGreaterThan(sql.indexOf('\n'))
    expect(sql.slice(error.position! - 1).startsWith(token)).toBe(true)
    // Never ran: skipped because statement 2 failed, not cancelled by anyone.
    expect(done.results[2]!.status).toBe('skipped')
  })

  it("collects the server's NOTICEs per statement", async () => {
    const done = await finished((await runs.start({ connectionId, sql: "do $$ begin raise notice 'hello from the server'; end $$", confirmUnboundedWrites: false })).runId)
    expect(done.results[0]!.notices.map((n) => n.message)).toContain('hello from the server')
  })

  it('asks before an UPDATE or DELETE without WHERE', async () => {
    await expect(runs.start({ connectionId, sql: 'delete from pg_temp.nothing_here', confirmUnboundedWrites: false })).rejects.toMatchObject({ data: { code: 'query/needs-confirmation' } })
  })

  it('rolls back a transaction the script left open, and says so', async () => {
    const done = await finished((await runs.start({ connectionId, sql: 'begin; create temp table left_open (x int);', confirmUnboundedWrites: false })).runId)
    expect(done.results.flatMap((r) => r.notices.map((n) => n.message)).join(' ')).toMatch(/rolled it back/)
  })

  it('cancels a running query within a second', async () => {
    const started = await runs.start({ connectionId, sql: 'select pg_sleep(30)', confirmUnboundedWrites: false })
    const deadline = Date.now() + 10_000
    while (!snapshots.some((s) => s.runId === started.runId && s.backendPid !== null && s.results[0]!.status === 'running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
    }
    await new Promise((r) => setTimeout(r, 200))
    const t = performance.now()
    expect(await runs.cancel(started.runId)).toEqual({ cancelled: true })
    const done = await finished(started.runId)
    expect(performance.now() - t).toBeLessThan(1000)
    expect(done.state).toBe('cancelled')
    expect(done.results[0]!.status).toBe('cancelled')
  })

  it('refuses COPY FROM STDIN with a message that says what to use instead, and the session stays usable', async () => {
    const done = await finished((await runs.start({ connectionId, sql: 'create temp table copy_in (x int); copy copy_in from stdin; select 7 as after', confirmUnboundedWrites: false })).runId)
    expect(done.results[1]!.status).toBe('error')
    expect(done.results[1]!.error!.message).toMatch(/FROM STDIN.*\\copy/)
    const again = await finished((await runs.start({ connectionId, sql: 'select 8 as again', confirmUnboundedWrites: false })).runId)
    expect(again.results[0]).toMatchObject({ status: 'done', rowCount: 1 })
  })

  it('a read-only connection rejects writes with the server error', async () => {
    await connections.setReadOnly(connectionId, true)
    try {
      const done = await finished((await runs.start({ connectionId, sql: 'create table should_fail (x int)', confirmUnboundedWrites: false })).runId)
      expect(done.results[0]!.error).toMatchObject({ sqlstate: '25006' })
    } finally {
      await connections.setReadOnly(connectionId, false)
    }
  })
})

describe('a million rows', () => {
  it('streams with first rows early, bounded memory, and any page readable', async () => {
    global.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    let heapPeak = heapBefore
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 25)
    const sql = "select g as id, md5(g::text) as hash, g % 7 as bucket, now() as at, 'x' as tag, null::int as none from generate_series(1, 1000000) g"
    const started = await runs.start({ connectionId, sql, confirmUnboundedWrites: false })
    const done = await finished(started.runId, 120_000)
    clearInterval(sampler)
    expect(done.results[0]!.rowCount).toBe(1_000_000)
    // Rows were visible while the query still ran.
    expect(snapshots.some((s) => s.runId === started.runId && s.state === 'running' && (s.results[0]!.rowCount ?? 0) > 0)).toBe(true)
    const deep = await runs.page({ runId: started.runId, resultIndex: 0, offset: 900_000, limit: 3 })
    expect(deep.rows.map((r) => r[0])).toEqual(['900001', '900002', '900003'])
    // Stated bound: the main process's heap grows by less than 150 MB for a ~90 MB result.
    expect(heapPeak - heapBefore).toBeLessThan(150 * 1024 * 1024)
    await runs.release(started.runId)
  }, 180_000)
})

describe('sessions that go wrong', () => {
  it('a script cannot switch a read-only connection to read-write for later runs', async () => {
    await connections.setReadOnly(connectionId, true)
    try {
      await expect(runs.start({ connectionId, sql: 'set default_transaction_read_only = off', confirmUnboundedWrites: false })).rejects.toMatchObject({ data: { code: 'query/read-only' } })
      const attempt = await finished((await runs.start({ connectionId, sql: 'create table should_still_fail (x int)', confirmUnboundedWrites: false })).runId)
      expect(attempt.results[0]!.error).toMatchObject({ sqlstate: '25006' })
    } finally {
      await connections.setReadOnly(connectionId, false)
    }
  })

  it('a server that dies mid-query ends the run with a lost connection instead of hanging', async () => {
    const { startThrowawayCluster } = await import('../connections/support/throwaway-cluster')
    const server = await startThrowawayCluster('run-dies')
    await server.ensureRole('tusk_dies', 'dies-pw')
    const local = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-dies-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
    const localWatcher = watchRuns(() => localRuns)
    const seen = localWatcher.seen
    const localRuns: QueryRunService = new QueryRunService({ pools: local, publish: localWatcher.publish })
    try {
      const p = await local.save({
        draft: { ...defaultConnectionDraft, name: 'dies', host: '127.0.0.1', port: server.port, database: 'postgres', user: 'tusk_dies', sslMode: 'disable' },
        password: 'dies-pw',
        savePassword: false
      })
      await local.open(p.id)
      const started = await localRuns.start({ connectionId: p.id, sql: 'select g from generate_series(1, 100) g, pg_sleep(30)', confirmUnboundedWrites: false })
      await new Promise((r) => setTimeout(r, 300))
      await server.cluster.stop('immediate')
      const t = Date.now()
      for (;;) {
        const last = seen.filter((s) => s.runId === started.runId).at(-1)
        if (last && last.state !== 'running') {
          expect(last.state).toBe('failed')
          break
        }
        if (Date.now() - t > 10_000) throw new Error('the run hung after the server died')
        await new Promise((r) => setTimeout(r, 20))
      }
    } finally {
      await localRuns.dispose()
      await local.dispose()
      await server.dispose()
    }
  }, 60_000)
})
