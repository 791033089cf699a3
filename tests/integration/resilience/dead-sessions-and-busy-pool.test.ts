/**
 * Reads that survive their sessions being killed, and a saturated pool that says so.
 *
 * Against the shared server: every Tusk backend is terminated (as a DBA's
 * cleanup script or a pooler would), then the schema browser asks at once; and a
 * pool whose every session is busy answers "busy", not an internal error.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { AppError } from '@shared/base/app-error'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { ConnectionService } from '../../../electron/core/services/connections/connection-service'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { Router } from '../../../electron/core/rpc/router'
import { SchemaService } from '../../../electron/core/services/schema/schema-service'
import { ActivityWatcher } from '../../../electron/core/services/activity/activity-watcher'
import { ensureRole, urlParts } from '../support/test-roles'

const role = { user: 'tusk_dead_sessions', password: 'dead-Sessions-1' }
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-dead-sessions-'))
const superuserUrl = inject('databaseUrl')
let admin: pg.Client
let service: ConnectionService
let connectionId: string
const logged: string[] = []
let router: Router

beforeAll(async () => {
  await ensureRole(superuserUrl, role.user, role.password)
  admin = new pg.Client(superuserUrl)
  await admin.connect()
  service = new ConnectionService({ dataDir, secrets: new MemorySecretStore(), sandbox: null, onChange: () => undefined, connectTimeoutMs: 1500, heartbeatMs: 0 })
  const profile = await service.save({
    draft: { ...defaultConnectionDraft, name: 'dead sessions', ...urlParts(superuserUrl), user: role.user, sslMode: 'disable', poolMax: 3 },
    password: role.password,
    savePassword: true
  })
  connectionId = profile.id
  await service.open(connectionId)
  const schema = new SchemaService({ pools: service })
  // Only the two requests under test; `logged` gets what app-core logs (a stack for anything not an AppError).
  router = new Router({ 'schema.tree': ({ connectionId: id }: { connectionId: string }) => schema.tree(id), 'schema.completions': ({ connectionId: id }: { connectionId: string }) => schema.completions(id) } as never, {
    onError: (name, error) => {
      if (!AppError.is(error)) logged.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`)
    }
  })
})

afterAll(async () => {
  await service?.dispose()
  await admin?.end()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Terminate every backend of our role and wait until the server has them all gone. */
async function terminateTuskBackends(): Promise<number> {
  const killed = await admin.query<{ n: number }>('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where usename = $1', [role.user])
  return killed.rows[0]!.n
}

/** Warm the pool: every one of its sessions open and idle, so the next terminate leaves only dead ones. */
async function fillPool(): Promise<void> {
  const pool = service.pool(connectionId)
  const clients = await Promise.all([1, 2, 3].map(() => pool.connect()))
  clients.forEach((client) => client.release())
}

describe('sessions terminated under the app', () => {
  it('the next schema request succeeds in 20 of 20 rounds', async () => {
    const outcomes: string[] = []
    for (let round = 0; round < 20; round += 1) {
      await fillPool()
      expect(await terminateTuskBackends()).toBeGreaterThan(0)
      const reply = await router.dispatch('schema.tree', { connectionId })
      outcomes.push(reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`)
    }
    expect(outcomes).toEqual(Array(20).fill('ok'))
    expect(logged).toEqual([])
  }, 120_000)

  it('an activity poll whose session was terminated is answered at once, on a new session', async () => {
    const url = new URL(superuserUrl)
    const watcher = new ActivityWatcher({
      connectionId,
      clientConfig: () => ({ host: url.hostname, port: Number(url.port), database: 'postgres', user: role.user, password: role.password }),
      publish: () => undefined,
      intervalMs: 1000,
      readLocks: { rowsSql: () => 'select 1 where false', edges: () => [] }
    })
    try {
      await watcher.poll()
      for (let round = 0; round < 5; round += 1) {
        await terminateTuskBackends()
        // poll() throws when its query fails; an answer is the point.
        const update = await watcher.poll()
        expect(update).toMatchObject({ error: null, stats: { maxConnections: expect.any(Number) } })
      }
    } finally {
      await watcher.dispose()
    }
  })
})

describe('a pool with every session busy', () => {
  it('answers conn/pool-busy with a clear message, and logs no stack', async () => {
    const pool = service.pool(connectionId)
    const held = await Promise.all([1, 2, 3].map(() => pool.connect()))
    logged.length = 0
    try {
      const replies = await Promise.all([1, 2, 3].map(() => router.dispatch('schema.completions', { connectionId })))
      for (const reply of replies) {
        expect(reply.ok).toBe(false)
        if (reply.ok) continue
        expect(reply.error.code).toBe('conn/pool-busy')
        expect(reply.error.message).toMatch(/Every connection of this pool .* stayed busy/)
        expect(reply.error.hint).toMatch(/raise the pool size/)
      }
      expect(logged).toEqual([])
    } finally {
      held.forEach((client) => client.release())
    }
    // Free again: the same request is answered.
    expect((await router.dispatch('schema.completions', { connectionId })).ok).toBe(true)
  })
})
