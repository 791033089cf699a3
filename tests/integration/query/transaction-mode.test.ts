/**
 * Transaction mode: writes stay invisible to other sessions until Commit,
 * Rollback undoes them, and an error leaves the transaction "failed".
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import type { QueryRunSnapshot } from '@shared/query/query-run'
import type { TransactionSessionState } from '@shared/query/transaction-session'
import { ConnectionService } from '../../../electron/core/services/connections/connection-service'
import { QueryRunService } from '../../../electron/core/services/query/query-run-service'
import { TransactionSessions } from '../../../electron/core/services/query/transaction-sessions'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { ensureRole, urlParts } from '../support/test-roles'
import { watchRuns } from './support/run-watcher'

const superuserUrl = inject('databaseUrl')
const role = { user: 'tusk_tx', password: 'tx-pw-1' }
const watcher = watchRuns(() => runs)
const snapshots = watcher.seen
const states: TransactionSessionState[] = []
let connections: ConnectionService
let runs: QueryRunService
let sessions: TransactionSessions
let connectionId: string
let observer: pg.Client

beforeAll(async () => {
  await ensureRole(superuserUrl, role.user, role.password)
  const admin = new pg.Client(superuserUrl)
  await admin.connect()
  await admin.query('drop table if exists public.tx_probe; create table public.tx_probe (x int); grant all on public.tx_probe to tusk_tx')
  await admin.end()
  const server = urlParts(superuserUrl)
  connections = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-tx-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
  const profile = await connections.save({
    draft: { ...defaultConnectionDraft, name: 'tx', host: server.host, port: server.port, database: 'postgres', user: role.user, sslMode: 'disable' },
    password: role.password,
    savePassword: false
  })
  connectionId = profile.id
  await connections.open(connectionId)
  sessions = new TransactionSessions({ pools: connections, publish: (s) => states.push(s) })
  runs = new QueryRunService({ pools: connections, sessions, publish: watcher.publish })
  observer = new pg.Client(superuserUrl)
  await observer.connect()
})
afterAll(async () => {
  await observer.end()
  await runs.dispose()
  await sessions.dispose()
  await connections.dispose()
})

async function run(sql: string, sessionId: string): Promise<QueryRunSnapshot> {
  const started = await runs.start({ connectionId, sql, confirmUnboundedWrites: true, sessionId })
  for (;;) {
    const last = snapshots.filter((s) => s.runId === started.runId).at(-1)
    if (last && last.state !== 'running') return last
    await new Promise((r) => setTimeout(r, 10))
  }
}

const visibleRows = async () => Number((await observer.query('select count(*) from public.tx_probe')).rows[0].count)

describe('transaction mode', () => {
  it('keeps writes invisible to others until Commit', async () => {
    const session = await sessions.open(connectionId)
    await run('insert into public.tx_probe values (1)', session.sessionId)
    expect(states.at(-1)).toMatchObject({ sessionId: session.sessionId, transaction: 'open' })
    await run('insert into public.tx_probe values (2)', session.sessionId)
    expect(await visibleRows()).toBe(0)
    expect((await sessions.end(session.sessionId, 'commit')).transaction).toBe('none')
    expect(await visibleRows()).toBe(2)
    await sessions.end(session.sessionId, 'close')
  })

  it('Rollback undoes, and an error leaves the transaction failed until rolled back', async () => {
    const session = await sessions.open(connectionId)
    await run('delete from public.tx_probe', session.sessionId)
    const failed = await run('select 1/0', session.sessionId)
    expect(failed.results[0]!.error?.sqlstate).toBe('22012')
    expect(states.at(-1)!.transaction).toBe('failed')
    await sessions.end(session.sessionId, 'rollback')
    expect(states.at(-1)!.transaction).toBe('none')
    expect(await visibleRows()).toBe(2)
    // Closing with a transaction open rolls it back.
    await run('delete from public.tx_probe', session.sessionId)
    expect((await sessions.end(session.sessionId, 'close')).transaction).toBe('closed')
    expect(await visibleRows()).toBe(2)
  })
})
