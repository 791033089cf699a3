/**
 * Connections against real PostgreSQL servers: pools, failure messages,
 * read-only, surviving a restart, and passwords never on disk in plain text.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConnectionDraft, type ConnectionDraft } from '../../../shared/connections/connection-profile'
import type { ConnectionSummary } from '../../../shared/connections/connection-status'
import { ConnectionService } from '../../../electron/main/services/connections/connection-service'
import { EncryptedFileSecretStore } from '../../../electron/main/services/secrets/encrypted-file-secret-store'
import { MemorySecretStore } from '../../../electron/main/services/secrets/memory-secret-store'
import { QueryService } from '../../../electron/main/services/query/query-service'
import { EmbeddedCluster, freePort } from '../../../electron/main/services/sandbox/embedded-cluster'
import { embeddedBinaries } from '../../../electron/main/services/sandbox/postgres-binaries'
import { testClusterRoot } from '../support/global-setup'
import { ensureRole, urlParts } from '../support/test-roles'

const role = { user: 'tusk_it', password: 'it-Secret-42' }
const superuserUrl = inject('databaseUrl')
const server = urlParts(superuserUrl)

function draft(overrides: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return { ...defaultConnectionDraft, name: 'it', host: server.host, port: server.port, database: 'postgres', user: role.user, sslMode: 'disable', ...overrides }
}

function newService(dataDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-conn-'))) {
  const changes: ConnectionSummary[][] = []
  const service = new ConnectionService({ dataDir, secrets: new MemorySecretStore(), sandbox: null, onChange: (list) => changes.push(list), statsIntervalMs: 100 })
  return { service, changes, dataDir }
}

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeAll(async () => {
  await ensureRole(superuserUrl, role.user, role.password)
  await ensureRole(superuserUrl, 'tusk_limited', 'limited-pw', 'connection limit 1')
})

describe('test connection: failures get clear messages', () => {
  const { service } = newService()

  it('succeeds with the right password and reports the server version', async () => {
    const result = await service.test({ draft: draft(), password: role.password })
    expect(result).toMatchObject({ ok: true, server: { versionNum: expect.any(Number) } })
  })

  it.each([
    ['wrong password', () => ({ draft: draft(), password: 'nope' }), 'conn/wrong-password', /Password authentication failed for user "tusk_it"/],
    ['unknown database', () => ({ draft: draft({ database: 'no_such_db' }), password: role.password }), 'conn/unknown-database', /Database "no_such_db" does not exist/],
    ['unknown host', () => ({ draft: draft({ host: 'db.tusk-test.invalid' }), password: 'x' }), 'conn/unknown-host', /cannot be resolved/],
    ['SSL refused by the server', () => ({ draft: draft({ sslMode: 'require' }), password: role.password }), 'conn/ssl-refused', /does not accept SSL/]
  ])('%s', async (_name, input, code, message) => {
    const result = await service.test(input())
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe(code)
      expect(result.error.message).toMatch(message)
    }
  })

  it('connection refused on a closed port', async () => {
    const port = await freePort()
    const result = await service.test({ draft: draft({ port }), password: 'x' })
    expect(result.ok === false && result.error.code).toBe('conn/refused')
  })

  it('a server that never answers times out', async () => {
    const silent = net.createServer(() => {})
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()))
    const port = (silent.address() as net.AddressInfo).port
    const tester = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-conn-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
    // pg's connect timeout is 10 s for every Tusk connection.
    const started = Date.now()
    const result = await tester.test({ draft: draft({ port }), password: 'x' })
    silent.close()
    await tester.dispose()
    expect(result.ok === false && result.error.code).toBe('conn/timeout')
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('too many connections for a role with a connection limit', async () => {
    const holder = await service.test({ draft: draft({ user: 'tusk_limited' }), password: 'limited-pw' })
    expect(holder.ok).toBe(true)
    const pg = await import('pg')
    const first = new pg.default.Client({ ...server, user: 'tusk_limited', password: 'limited-pw' })
    await first.connect()
    try {
      const result = await service.test({ draft: draft({ user: 'tusk_limited' }), password: 'limited-pw' })
      expect(result.ok === false && result.error.code).toBe('conn/too-many-connections')
      expect(result.ok === false && result.error.sqlstate).toBe('53300')
    } finally {
      await first.end()
    }
  })

  afterAll(() => service.dispose())
})

describe('pools', () => {
  it('keeps one pool per open connection, with live statistics', async () => {
    const { service, changes } = newService()
    const a = await service.save({ draft: draft({ name: 'A', poolMax: 2 }), password: role.password, savePassword: false })
    const b = await service.save({ draft: draft({ name: 'B', poolMax: 3 }), password: role.password, savePassword: false })
    await service.open(a.id)
    await service.open(b.id)
    expect(service.pool(a.id)).not.toBe(service.pool(b.id))
    const query = new QueryService({ pools: service })
    const running = [1, 2, 3].map(() => query.run({ connectionId: a.id, sql: 'select pg_sleep(0.6)', maxRows: 10 }))
    const busy = await until(
      () => service.list().find((c) => c.profile.id === a.id)!.pool!,
      (pool) => pool.total === 2 && pool.waiting === 1
    )
    expect(busy).toMatchObject({ total: 2, idle: 0, waiting: 1, max: 2 })
    await Promise.all(running)
    const settled = service.list().find((c) => c.profile.id === a.id)!.pool!
    expect(settled).toMatchObject({ total: 2, idle: 2, waiting: 0 })
    expect(service.list().find((c) => c.profile.id === b.id)!.pool).toMatchObject({ max: 3 })
    // Subscribers heard about the busy pool without asking.
    expect(changes.some((list) => list.some((c) => c.profile.id === a.id && c.pool?.waiting === 1))).toBe(true)
    await service.dispose()
  })

  it('a read-only connection refuses writes at the server', async () => {
    const { service } = newService()
    const p = await service.save({ draft: draft({ name: 'RO' }), password: role.password, savePassword: false })
    await service.open(p.id)
    const query = new QueryService({ pools: service })
    await query.run({ connectionId: p.id, sql: 'create temp table if not exists rw_probe (x int)', maxRows: 1 })
    await service.setReadOnly(p.id, true)
    await expect(query.run({ connectionId: p.id, sql: 'create table ro_probe (x int)', maxRows: 1 })).rejects.toMatchObject({ data: { sqlstate: '25006' } })
    await service.setReadOnly(p.id, false)
    await service.dispose()
  })
})

describe('passwords', () => {
  it('are never written in plain text, and never come back in a profile', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-secret-'))
    // A reversible test cipher standing in for safeStorage.
    const cipher = {
      backend: 'os-keychain' as const,
      protectsAtRest: true,
      encrypt: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
      decrypt: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString()
    }
    const service = new ConnectionService({ dataDir, secrets: new EncryptedFileSecretStore(path.join(dataDir, 'secrets.json'), cipher), sandbox: null, onChange: () => {} })
    const saved = await service.save({ draft: draft({ name: 'Saved' }), password: role.password, savePassword: true })
    expect(saved.hasSavedPassword).toBe(true)
    expect(JSON.stringify(service.list())).not.toContain(role.password)
    for (const file of readdirSync(dataDir)) expect(readFileSync(path.join(dataDir, file), 'utf8')).not.toContain(role.password)
    // A fresh service (app restart) opens with the saved password.
    await service.dispose()
    const again = new ConnectionService({ dataDir, secrets: new EncryptedFileSecretStore(path.join(dataDir, 'secrets.json'), cipher), sandbox: null, onChange: () => {} })
    await expect(again.open(saved.id)).resolves.toMatchObject({ state: 'connected' })
    await again.dispose()
  })
})

describe('SSL and restarts on dedicated servers', () => {
  let cluster: EmbeddedCluster
  let port: number

  beforeAll(async () => {
    const dataDir = path.join(testClusterRoot(), 'ssl-restart', 'pgdata')
    port = await freePort()
    cluster = new EmbeddedCluster({
      dataDir,
      binaries: await embeddedBinaries(),
      port,
      settings: { ssl: 'on' },
      hbaLines: ['hostnossl all tusk_it 127.0.0.1/32 reject', 'hostssl all all 127.0.0.1/32 scram-sha-256']
    })
    if (!(await cluster.isInitialised())) {
      await cluster.initialise()
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=localhost', '-keyout', path.join(dataDir, 'server.key'), '-out', path.join(dataDir, 'server.crt')], { stdio: 'ignore' })
      if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', path.join(dataDir, 'server.key'), path.join(dataDir, 'server.crt')])
      execFileSync('chmod', ['600', path.join(dataDir, 'server.key')])
    }
    await cluster.start()
    await ensureRole(cluster.url('postgres') + '?sslmode=no-verify', role.user, role.password)
  })
  afterAll(() => cluster.stop())

  it('says SSL is required when the server only accepts SSL', async () => {
    const { service } = newService()
    const result = await service.test({ draft: draft({ port, sslMode: 'disable' }), password: role.password })
    expect(result.ok === false && result.error.code).toBe('conn/ssl-required')
    expect(await service.test({ draft: draft({ port, sslMode: 'require' }), password: role.password })).toMatchObject({ ok: true })
    expect(await service.test({ draft: draft({ port, sslMode: 'prefer' }), password: role.password })).toMatchObject({ ok: true })
    await service.dispose()
  })

  it('survives a server restart: reconnecting, then queries work again without user action', async () => {
    const { service, changes } = newService()
    const p = await service.save({ draft: draft({ name: 'Restart', port, sslMode: 'require' }), password: role.password, savePassword: false })
    await service.open(p.id)
    const query = new QueryService({ pools: service })
    expect((await query.run({ connectionId: p.id, sql: 'select 1 as one', maxRows: 1 })).rows).toEqual([[1]])

    await cluster.stop()
    const state = () => service.list().find((c) => c.profile.id === p.id)!.state
    await until(state, (s) => s === 'reconnecting')
    await cluster.start()
    await ensureRole(cluster.url('postgres') + '?sslmode=no-verify', role.user, role.password)
    await until(state, (s) => s === 'connected')
    expect((await query.run({ connectionId: p.id, sql: 'select 2 as two', maxRows: 1 })).rows).toEqual([[2]])
    expect(changes.some((list) => list.some((c) => c.profile.id === p.id && c.state === 'reconnecting'))).toBe(true)
    await service.dispose()
  })
})
