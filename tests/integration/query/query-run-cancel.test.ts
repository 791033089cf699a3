/**
 * Cancel stops a statement within a second in every phase — executing,
 * streaming rows, spooling to a slow disk — through the composition root as
 * the app runs it: the rows received before Cancel stay readable, the result
 * says cancelled, and so does History.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import type { HistoryEntry } from '@shared/query/query-history'
import { applyRunProgress, type QueryRunProgress, type QueryRunSnapshot, type ResultPage } from '@shared/query/query-run'
import { createAppCore, type AppCore } from '../../../electron/core/app-core'
import { ResultSpool } from '../../../electron/core/services/query/result-spool'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { ensureRole, urlParts } from '../support/test-roles'

const role = { user: 'tusk_canceller', password: 'cancel-pw-1' }
let core: AppCore
let connectionId: string
const deltas: QueryRunProgress[] = []

async function ask<T>(name: string, input: unknown): Promise<T> {
  const answer = await core.router.dispatch(name, input)
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`)
  return answer.result as T
}

/** The run as the renderer sees it: the start's snapshot with every delta folded in, with a clock. */
class Follower {
  run: QueryRunSnapshot
  /** When the first statement's row count last changed (performance.now()). */
  lastGrowth = 0
  private folded = 0
  constructor(start: QueryRunSnapshot) {
    this.run = start
  }
  update(): QueryRunSnapshot {
    for (; this.folded < deltas.length; this.folded++) {
      const delta = deltas[this.folded]!
      if (delta.runId !== this.run.runId) continue
      const before = this.run.results[0]!.rowCount
      this.run = applyRunProgress(this.run, delta)
      if (this.run.results[0]!.rowCount !== before) this.lastGrowth = performance.now()
    }
    return this.run
  }
  async until(done: (run: QueryRunSnapshot) => boolean, timeoutMs = 30_000): Promise<QueryRunSnapshot> {
    const deadline = Date.now() + timeoutMs
    while (!done(this.update())) {
      if (Date.now() > deadline) throw new Error(`run did not get there: ${JSON.stringify(this.run.results[0])}`)
      await new Promise((r) => setTimeout(r, 10))
    }
    return this.run
  }
}

async function start(sql: string): Promise<Follower> {
  return new Follower(await ask<QueryRunSnapshot>('query.start', { connectionId, sql, confirmUnboundedWrites: false }))
}

/** Cancels, then checks the run ended and its row count stopped growing within a second. */
async function cancelWithinASecond(follower: Follower): Promise<{ run: QueryRunSnapshot; stoppedAfterMs: number }> {
  const pressed = performance.now()
  await ask('query.cancel', { runId: follower.run.runId })
  const run = await follower.until((r) => r.state !== 'running', 5_000)
  const endedAfterMs = performance.now() - pressed
  expect(endedAfterMs).toBeLessThan(1000)
  return { run, stoppedAfterMs: Math.max(0, follower.lastGrowth - pressed) }
}

async function historyOf(sql: string): Promise<HistoryEntry | undefined> {
  return (await ask<HistoryEntry[]>('history.list', { search: sql, limit: 5 })).find((e) => e.sql === sql)
}

function appCore(): AppCore {
  return createAppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-cancel-')), secrets: new MemorySecretStore(), transport: 'web', version: '0', autoStartSandbox: false, validateOutput: true })
}

beforeAll(async () => {
  const superuserUrl = inject('databaseUrl')
  await ensureRole(superuserUrl, role.user, role.password)
  const server = urlParts(superuserUrl)
  core = appCore()
  core.hub.subscribe('query.progress', (_name, progress) => deltas.push(progress as QueryRunProgress))
  const saved = await ask<{ id: string }>('connections.save', {
    draft: { ...defaultConnectionDraft, name: 'cancel', host: server.host, port: server.port, database: 'postgres', user: role.user, sslMode: 'disable' },
    password: role.password,
    savePassword: false
  })
  connectionId = saved.id
  await ask('connections.open', { id: connectionId })
})
afterAll(async () => {
  await core?.dispose()
})

describe('Cancel', () => {
  it('stops a million-row result mid-stream: the count stops within a second, the rows received stay, History says cancelled', async () => {
    const sql = 'select g as id, md5(g::text) as hash, now() as at from generate_series(1, 1000000) g'
    const follower = await start(sql)
    await follower.until((r) => (r.results[0]!.rowCount ?? 0) >= 20_000)
    const { run, stoppedAfterMs } = await cancelWithinASecond(follower)
    expect(stoppedAfterMs).toBeLessThan(1000)
    const result = run.results[0]!
    expect(run.state).toBe('cancelled')
    expect(result.status).toBe('cancelled')
    const kept = result.rowCount!
    expect(kept).toBeGreaterThanOrEqual(20_000)
    expect(kept).toBeLessThan(1_000_000)
    // A second later nothing has moved.
    await new Promise((r) => setTimeout(r, 1000))
    expect(follower.update().results[0]!.rowCount).toBe(kept)
    const last = await ask<ResultPage>('query.page', { runId: run.runId, resultIndex: 0, offset: kept - 1, limit: 10 })
    expect(last.rows).toEqual([[String(kept), expect.any(String), expect.any(String)]])
    expect(await historyOf(sql)).toMatchObject({ status: 'cancelled', rowCount: kept })
    // The connection is fine for the next run.
    const next = await start('select 42 as answer')
    expect((await next.until((r) => r.state !== 'running')).results[0]).toMatchObject({ status: 'done', rowCount: 1 })
  }, 60_000)

  it('stops a statement still executing (no row yet)', async () => {
    const sql = 'select g from generate_series(1, 20000000) g order by md5(g::text) limit 5'
    const follower = await start(sql)
    await follower.until((r) => r.results[0]!.status === 'running' && r.backendPid !== null)
    await new Promise((r) => setTimeout(r, 300))
    const { run } = await cancelWithinASecond(follower)
    expect(run.results[0]).toMatchObject({ status: 'cancelled', rowCount: null })
    expect(await historyOf(sql)).toMatchObject({ status: 'cancelled' })
  }, 60_000)
})

describe('Cancel while the disk is slow', () => {
  /** A disk that takes 5 s per write: the spool falls behind, reading pauses, the server waits on a full socket. */
  class SlowDiskSpool extends ResultSpool {
    override flush(): Promise<void> {
      const written = super.flush()
      return written.then(() => new Promise((r) => setTimeout(r, 5000)))
    }
  }

  it('stops the statement within a second though the spool is behind', async () => {
    const { QueryRunService } = await import('../../../electron/core/services/query/query-run-service')
    const { ConnectionService } = await import('../../../electron/core/services/connections/connection-service')
    const server = urlParts(inject('databaseUrl'))
    const connections = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-slow-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
    const seen: QueryRunProgress[] = []
    const runs = new QueryRunService({ pools: connections, publish: (p) => seen.push(p), openSpool: (file) => new SlowDiskSpool(file) })
    try {
      const profile = await connections.save({
        draft: { ...defaultConnectionDraft, name: 'slow', host: server.host, port: server.port, database: 'postgres', user: role.user, sslMode: 'disable' },
        password: role.password,
        savePassword: false
      })
      await connections.open(profile.id)
      const started = await runs.start({ connectionId: profile.id, sql: "select g, repeat('x', 1000) from generate_series(1, 1000000) g", confirmUnboundedWrites: false })
      // Past the spool's backlog limit (4 MiB): reading has paused.
      const deadline = Date.now() + 20_000
      while ((runs.snapshot(started.runId)!.results[0]!.rowCount ?? 0) < 5000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      await new Promise((r) => setTimeout(r, 500))
      const rowsAtCancel = runs.snapshot(started.runId)!.results[0]!.rowCount!
      const pressed = performance.now()
      await runs.cancel(started.runId)
      while (runs.snapshot(started.runId)!.state === 'running' && performance.now() - pressed < 5000) await new Promise((r) => setTimeout(r, 10))
      expect(performance.now() - pressed).toBeLessThan(1000)
      const done = runs.snapshot(started.runId)!
      expect(done.results[0]).toMatchObject({ status: 'cancelled', rowCount: rowsAtCancel })
      const page = await runs.page({ runId: started.runId, resultIndex: 0, offset: rowsAtCancel - 1, limit: 5 })
      expect(page.rows.map((r) => r[0])).toEqual([String(rowsAtCancel)])
    } finally {
      await runs.dispose()
      await connections.dispose()
    }
  }, 60_000)
})

describe('Cancel when the server cannot be told', () => {
  it('cuts the session whose rows keep coming, keeps the rows, and the next run gets a fresh session', async () => {
    const { QueryRunService } = await import('../../../electron/core/services/query/query-run-service')
    const { ConnectionService } = await import('../../../electron/core/services/connections/connection-service')
    const superuserUrl = inject('databaseUrl')
    // One connection for the role: the cancel request's own connection is refused, so only the cut can stop the rows.
    await ensureRole(superuserUrl, 'tusk_one_conn', 'one-conn-pw', 'connection limit 1')
    const server = urlParts(superuserUrl)
    const connections = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-cut-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
    const runs = new QueryRunService({ pools: connections, publish: () => {} })
    try {
      const profile = await connections.save({
        draft: { ...defaultConnectionDraft, name: 'one', host: server.host, port: server.port, database: 'postgres', user: 'tusk_one_conn', sslMode: 'disable' },
        password: 'one-conn-pw',
        savePassword: false
      })
      await connections.open(profile.id)
      const started = await runs.start({ connectionId: profile.id, sql: 'select g, md5(g::text) from generate_series(1, 5000000) g', confirmUnboundedWrites: false })
      const deadline = Date.now() + 20_000
      while ((runs.snapshot(started.runId)!.results[0]!.rowCount ?? 0) < 10_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      const pressed = performance.now()
      expect(await runs.cancel(started.runId)).toEqual({ cancelled: true })
      const rowsAtCancel = runs.snapshot(started.runId)!.results[0]!.rowCount!
      while (runs.snapshot(started.runId)!.state === 'running' && performance.now() - pressed < 5000) await new Promise((r) => setTimeout(r, 10))
      expect(performance.now() - pressed).toBeLessThan(1000)
      const done = runs.snapshot(started.runId)!
      expect(done.state).toBe('cancelled')
      expect(done.results[0]).toMatchObject({ status: 'cancelled', rowCount: rowsAtCancel })
      expect(JSON.stringify(connections.list().find((c) => c.profile.id === profile.id))).toContain('"state":"connected"')
      // The server lets the cut session go once it fails to write to it; the next run gets in.
      let next: QueryRunSnapshot | undefined
      for (let attempt = 0; attempt < 20 && next?.results[0]?.status !== 'done'; attempt++) {
        await new Promise((r) => setTimeout(r, 250))
        const again = await runs.start({ connectionId: profile.id, sql: 'select 1 as fresh', confirmUnboundedWrites: false })
        while (runs.snapshot(again.runId)!.state === 'running') await new Promise((r) => setTimeout(r, 10))
        next = runs.snapshot(again.runId)
      }
      expect(next?.results[0]).toMatchObject({ status: 'done', rowCount: 1 })
    } finally {
      await runs.dispose()
      await connections.dispose()
    }
  }, 60_000)
})
