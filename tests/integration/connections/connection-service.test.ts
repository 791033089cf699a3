/**
 * Connections against a real PostgreSQL of this file's own: failure messages,
 * one pool per connection with live figures, read-only sessions, one-shot
 * queries, surviving a restart and a network drop, and passwords never on
 * disk in plain text.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConnectionDraft, type ConnectionDraft } from '@shared/connections/connection-profile'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import { ConnectionService, type ConnectionServiceOptions } from '../../../electron/core/services/connections/connection-service'
import { EncryptedFileSecretStore, type SecretCipher } from '../../../electron/core/services/secrets/encrypted-file-secret-store'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { QueryService } from '../../../electron/core/services/query/query-service'
import { freePort } from '../../../electron/core/services/sandbox/embedded-cluster'
import { TcpProxy } from './support/tcp-proxy'
import { startThrowawayCluster, until, type ThrowawayCluster } from './support/throwaway-cluster'

const role = { user: 'tusk_it', password: 'it-Secret-42' }
let server: ThrowawayCluster
const services: ConnectionService[] = []
const tempDirs: string[] = []

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

beforeAll(async () => {
  server = await startThrowawayCluster('connections')
  await server.ensureRole(role.user, role.password, 'createdb')
  await server.ensureRole('tusk_limited', 'limited-pw', 'connection limit 1')
  await server.sql(`grant create on schema public to ${role.user}`)
})

afterAll(async () => {
  await Promise.all(services.map((s) => s.dispose()))
  await server?.dispose()
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

function draft(overrides: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return { ...defaultConnectionDraft, name: 'it', host: '127.0.0.1', port: server.port, database: 'postgres', user: role.user, sslMode: 'disable', ...overrides }
}

function newService(options: Partial<ConnectionServiceOptions> = {}) {
  const changes: ConnectionSummary[][] = []
  const dataDir = options.dataDir ?? tempDir('tusk-conn-')
  const service = new ConnectionService({
    dataDir,
    secrets: new MemorySecretStore(),
    sandbox: null,
    onChange: (list) => changes.push(list),
    statsIntervalMs: 100,
    ...options
  })
  services.push(service)
  const query = new QueryService({ pools: service })
  const summaryOf = (id: string) => service.list().find((c) => c.profile.id === id)!
  return { service, query, changes, dataDir, summaryOf }
}

describe('test connection: each failure gets a message a user understands', () => {
  it('succeeds with the right password and reports the server version and latency', async () => {
    const { service } = newService()
    const result = await service.test({ draft: draft(), password: role.password })
    expect(result).toMatchObject({ ok: true, server: { version: expect.stringMatching(/^18\./), versionNum: expect.any(Number) }, latencyMs: expect.any(Number) })
    if (result.ok) expect(result.server.versionNum).toBeGreaterThanOrEqual(180000)
  })

  it.each([
    ['wrong password (28P01)', () => ({ draft: draft(), password: 'nope' }), 'conn/wrong-password', 'Password authentication failed for user "tusk_it".', '28P01'],
    ['no password at all', () => ({ draft: draft() }), 'conn/no-password', 'The server asks for a password for user "tusk_it".', undefined],
    ['unknown database (3D000)', () => ({ draft: draft({ database: 'no_such_db' }), password: role.password }), 'conn/unknown-database', /^Database "no_such_db" does not exist on 127\.0\.0\.1:\d+\.$/, '3D000'],
    ['unknown host', () => ({ draft: draft({ host: 'db.tusk-test.invalid' }), password: 'x' }), 'conn/unknown-host', 'The host name "db.tusk-test.invalid" cannot be resolved.', undefined],
    ['SSL required by the profile, refused by the server', () => ({ draft: draft({ sslMode: 'require' }), password: role.password }), 'conn/ssl-refused', /does not accept SSL connections/, undefined]
  ])('%s', async (_name, input, code, message, sqlstate) => {
    const result = await newService().service.test(input())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe(code)
    expect(result.error.message).toMatch(message)
    expect(result.error.hint).toBeTruthy()
    expect(result.error.sqlstate).toBe(sqlstate)
  })

  it('sslmode prefer falls back to plain TCP on a server without SSL', async () => {
    expect(await newService().service.test({ draft: draft({ sslMode: 'prefer' }), password: role.password })).toMatchObject({ ok: true })
  })

  it('connection refused on a closed port', async () => {
    const port = await freePort()
    const result = await newService().service.test({ draft: draft({ port }), password: 'x' })
    expect(result).toMatchObject({ ok: false, error: { code: 'conn/refused', message: `Nothing accepts connections at 127.0.0.1:${port}.` } })
  })

  it('a server that accepts but never answers times out after the connect timeout', async () => {
    const silent = net.createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()))
    const port = (silent.address() as net.AddressInfo).port
    try {
      const started = Date.now()
      const result = await newService({ connectTimeoutMs: 800 }).service.test({ draft: draft({ port }), password: 'x' })
      expect(result).toMatchObject({ ok: false, error: { code: 'conn/timeout', message: `The server at 127.0.0.1:${port} did not answer in time.` } })
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      silent.close()
    }
  })

  it('too many connections (53300) for a role at its connection limit', async () => {
    const { service } = newService()
    const limited = draft({ user: 'tusk_limited' })
    const holder = await service.save({ draft: { ...limited, name: 'holder' }, password: 'limited-pw', savePassword: false })
    await service.open(holder.id)
    const result = await service.test({ draft: limited, password: 'limited-pw' })
    expect(result).toMatchObject({ ok: false, error: { code: 'conn/too-many-connections', sqlstate: '53300', message: /^User "tusk_limited" has reached its connection limit/ } })
    await service.close(holder.id)
  })

  it('a saved profile is tested with its saved password; a typed one wins', async () => {
    const { service } = newService()
    const saved = await service.save({ draft: draft({ name: 'saved' }), password: role.password, savePassword: true })
    expect(await service.test({ id: saved.id })).toMatchObject({ ok: true })
    expect(await service.test({ id: saved.id, password: 'typo' })).toMatchObject({ ok: false, error: { code: 'conn/wrong-password' } })
  })

  it('open() fails with the same message and leaves the connection "failed" with lastError', async () => {
    const { service, summaryOf } = newService()
    const p = await service.save({ draft: draft({ name: 'bad' }), password: 'wrong', savePassword: false })
    await expect(service.open(p.id)).rejects.toMatchObject({ data: { code: 'conn/wrong-password' } })
    expect(summaryOf(p.id)).toMatchObject({ state: 'failed', pool: null, lastError: { code: 'conn/wrong-password' } })
    // Typing the right password opens it.
    await expect(service.open(p.id, role.password)).resolves.toMatchObject({ state: 'connected', lastError: null })
  })
})

describe('pools', () => {
  it('keeps one pool per open connection, with live total / idle / waiting figures', async () => {
    const { service, query, changes, summaryOf } = newService()
    const a = await service.save({ draft: draft({ name: 'A', poolMax: 2 }), password: role.password, savePassword: false })
    const b = await service.save({ draft: draft({ name: 'B', poolMax: 3 }), password: role.password, savePassword: false })
    const [openedA] = await Promise.all([service.open(a.id), service.open(a.id), service.open(b.id)])
    expect(openedA).toMatchObject({ state: 'connected', pool: { total: 1, idle: 1, waiting: 0, max: 2 }, server: { versionNum: expect.any(Number) } })
    expect(service.pool(a.id)).not.toBe(service.pool(b.id))
    expect(service.pool(a.id)).toBe(service.pool(a.id))

    const running = [1, 2, 3].map(() => query.run({ connectionId: a.id, sql: 'select pg_sleep(0.6)', maxRows: 10 }))
    const busy = await until(() => summaryOf(a.id).pool!, (pool) => pool.total === 2 && pool.waiting === 1)
    expect(busy).toEqual({ total: 2, idle: 0, waiting: 1, max: 2 })
    await Promise.all(running)
    expect(summaryOf(a.id).pool).toEqual({ total: 2, idle: 2, waiting: 0, max: 2 })
    expect(summaryOf(b.id).pool).toEqual({ total: 1, idle: 1, waiting: 0, max: 3 })
    // Subscribers heard about the busy pool without asking, then about it settling.
    const heard = () => changes.map((list) => list.find((c) => c.profile.id === a.id)?.pool).filter(Boolean)
    expect(heard()).toContainEqual({ total: 2, idle: 0, waiting: 1, max: 2 })
    await until(() => heard().at(-1), (last) => last?.idle === 2)

    // Every session says who it is.
    const sessions = await server.sql<{ n: string }>("select count(*) as n from pg_stat_activity where usename = $1 and application_name = 'Tusk'", [role.user])
    expect(Number(sessions[0]!.n)).toBeGreaterThanOrEqual(3)

    await service.close(a.id)
    expect(summaryOf(a.id)).toMatchObject({ state: 'closed', pool: null })
    expect(() => service.pool(a.id)).toThrow(/"A" is not open/)
  })

  it('sends pool figures only when they change', async () => {
    const { service, changes } = newService()
    const p = await service.save({ draft: draft({ name: 'quiet' }), password: role.password, savePassword: false })
    await service.open(p.id)
    const before = changes.length
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(changes.length).toBe(before)
  })

  it('applies the profile statement_timeout to every session', async () => {
    const { service, query } = newService()
    const p = await service.save({ draft: draft({ name: 'impatient', statementTimeoutMs: 200 }), password: role.password, savePassword: false })
    await service.open(p.id)
    await expect(query.run({ connectionId: p.id, sql: 'select pg_sleep(2)', maxRows: 1 })).rejects.toMatchObject({ data: { sqlstate: '57014', message: /statement timeout/ } })
  })

  it('deleting a connection closes its pool and forgets its password', async () => {
    const secrets = new MemorySecretStore()
    const { service, summaryOf } = newService({ secrets })
    const p = await service.save({ draft: draft({ name: 'doomed' }), password: role.password, savePassword: true })
    await service.open(p.id)
    const pool = service.pool(p.id)
    expect(await service.delete(p.id)).toEqual({ deleted: true })
    expect(pool.ending).toBe(true)
    expect(await secrets.get(p.id)).toBeUndefined()
    expect(service.list().some((c) => c.profile.id === p.id)).toBe(false)
    expect(summaryOf(p.id)).toBeUndefined()
  })
})

describe('read-only connections', () => {
  it('one call makes every new session read-only at the server (25006), and it is remembered', async () => {
    const { service, query, dataDir } = newService()
    const p = await service.save({ draft: draft({ name: 'RO', poolMax: 1 }), password: role.password, savePassword: false })
    await service.open(p.id)
    await query.run({ connectionId: p.id, sql: 'create temp table rw_probe (x int)', maxRows: 1 })

    const summary = await service.setReadOnly(p.id, true)
    expect(summary).toMatchObject({ state: 'connected', profile: { readOnly: true } })
    await expect(query.run({ connectionId: p.id, sql: 'create table ro_probe (x int)', maxRows: 1 })).rejects.toMatchObject({ data: { code: 'pg/error', sqlstate: '25006' } })
    expect((await query.run({ connectionId: p.id, sql: "select current_setting('default_transaction_read_only')", maxRows: 1 })).rows).toEqual([['on']])
    expect(JSON.parse(readFileSync(path.join(dataDir, 'connections.json'), 'utf8')).profiles[0].readOnly).toBe(true)

    // Switching it off is refused before it is sent.
    await expect(query.run({ connectionId: p.id, sql: 'set default_transaction_read_only = off', maxRows: 1 })).rejects.toMatchObject({ data: { code: 'query/read-only' } })
    await expect(query.run({ connectionId: p.id, sql: 'create table ro_probe (x int)', maxRows: 1 })).rejects.toMatchObject({ data: { sqlstate: '25006' } })

    await service.setReadOnly(p.id, false)
    await query.run({ connectionId: p.id, sql: 'create table ro_probe (x int)', maxRows: 1 })
    await query.run({ connectionId: p.id, sql: 'drop table ro_probe', maxRows: 1 })
  })
})

describe('one-shot queries', () => {
  let run: ReturnType<typeof newService>
  let id: string

  beforeAll(async () => {
    run = newService()
    id = (await run.service.save({ draft: draft({ name: 'Q', poolMax: 1 }), password: role.password, savePassword: false })).id
    await run.service.open(id)
  })

  it('turns every value into a JSON-safe cell without losing precision', async () => {
    const result = await run.query.run({
      connectionId: id,
      sql: `select 1::int4 as i, 9007199254740993::int8 as big, 12.50::numeric as num, 1.5::float8 as f, 'NaN'::float8 as nan, true as b, null::text as nothing,
                   timestamptz '2024-01-02 03:04:05.123456+00' as ts, date '2024-02-29' as d, '\\xdeadbeef'::bytea as bytes, '{"a": [1, 2]}'::jsonb as doc, array[1,2] as arr`,
      maxRows: 10
    })
    expect(result.command).toBe('SELECT')
    expect(result.rowCount).toBe(1)
    expect(result.truncated).toBe(false)
    expect(result.fields.map((f) => `${f.name}:${f.typeName}`)).toEqual(['i:int4', 'big:int8', 'num:numeric', 'f:float8', 'nan:float8', 'b:bool', 'nothing:text', 'ts:timestamptz', 'd:date', 'bytes:bytea', 'doc:jsonb', 'arr:_int4'])
    expect(result.rows).toEqual([[1, '9007199254740993', '12.50', 1.5, 'NaN', true, null, expect.stringMatching(/^2024-01-0[12] \d\d:04:05\.123456[+-]\d\d/), '2024-02-29', '\\xdeadbeef', '{"a": [1, 2]}', '{1,2}']])
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })

  it('reads no more than the row cap from a large result, and the session stays usable', async () => {
    const result = await run.query.run({ connectionId: id, sql: 'select g from generate_series(1, 1000000) g', maxRows: 5 })
    expect(result).toMatchObject({ rows: [[1], [2], [3], [4], [5]], truncated: true, command: 'SELECT', rowCount: null })
    expect(result.durationMs).toBeLessThan(1000)
    expect((await run.query.run({ connectionId: id, sql: 'select 42', maxRows: 5 })).rows).toEqual([[42]])
  })

  it('reports statements without rows, and a script by its last statement', async () => {
    expect(await run.query.run({ connectionId: id, sql: 'create temp table t1 (x int)', maxRows: 5 })).toMatchObject({ command: 'CREATE', rows: [], fields: [] })
    // Each call creates its own: every session is reset (DISCARD ALL, temp tables too) when it goes back to the pool.
    expect(await run.query.run({ connectionId: id, sql: 'create temp table t1 (x int); insert into t1 select generate_series(1, 3)', maxRows: 5 })).toMatchObject({ command: 'INSERT', rowCount: 3 })
    expect(await run.query.run({ connectionId: id, sql: 'create temp table t1 (x int); insert into t1 values (4); select count(*) from t1', maxRows: 5 })).toMatchObject({ command: 'SELECT', rows: [['1']] })
  })

  it('keeps what psql shows of a server error: SQLSTATE, position, hint', async () => {
    await expect(run.query.run({ connectionId: id, sql: 'select * from no_such_table', maxRows: 5 })).rejects.toMatchObject({
      data: { code: 'pg/error', sqlstate: '42P01', position: 15, message: 'relation "no_such_table" does not exist' }
    })
  })

  it('an error after some rows still gives the server error, and the session stays usable', async () => {
    await expect(run.query.run({ connectionId: id, sql: 'select 1 / (g - 3) from generate_series(1, 5) g', maxRows: 10 })).rejects.toMatchObject({ data: { sqlstate: '22012' } })
    expect((await run.query.run({ connectionId: id, sql: 'select 43', maxRows: 5 })).rows).toEqual([[43]])
  })

  it('rolls back a transaction the SQL left open, so the pooled session comes back clean', async () => {
    await run.query.run({ connectionId: id, sql: 'begin; create table left_open (x int)', maxRows: 5 })
    expect((await run.query.run({ connectionId: id, sql: "select to_regclass('left_open')::text, pg_current_xact_id_if_assigned()::text", maxRows: 5 })).rows).toEqual([[null, null]])
  })

  it('tells that a connection is not open', async () => {
    await expect(run.query.run({ connectionId: 'nope', sql: 'select 1', maxRows: 1 })).rejects.toMatchObject({ data: { code: 'conn/unknown-profile' } })
  })
})

describe('saved passwords', () => {
  it('are never written in plain text, never come back in a summary, and open the connection after a restart', async () => {
    const dataDir = tempDir('tusk-secret-')
    // A reversible test cipher standing in for safeStorage.
    const cipher: SecretCipher = {
      backend: 'os-keychain',
      protectsAtRest: true,
      encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
      decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString()
    }
    const secrets = () => new EncryptedFileSecretStore(path.join(dataDir, 'secrets.json'), cipher)
    const { service, changes } = newService({ dataDir, secrets: secrets() })
    const saved = await service.save({ draft: draft({ name: 'Saved' }), password: role.password, savePassword: true })
    expect(saved).toMatchObject({ hasSavedPassword: true })
    await service.open(saved.id)

    const everyFile = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? everyFile(path.join(dir, name)) : [path.join(dir, name)]))
    const files = everyFile(dataDir)
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['connections.json', 'secrets.json'])
    for (const file of files) {
      const bytes = readFileSync(file)
      expect(bytes.includes(Buffer.from(role.password)), file).toBe(false)
      expect(bytes.toString('utf8'), file).not.toContain(Buffer.from(role.password).toString('base64'))
    }
    expect(JSON.stringify([saved, service.list(), changes])).not.toContain(role.password)
    await service.dispose()

    // A fresh service (an app restart) opens with the saved password.
    const again = newService({ dataDir, secrets: secrets() }).service
    await expect(again.open(saved.id)).resolves.toMatchObject({ state: 'connected', profile: { hasSavedPassword: true } })

    // Unticking "save password" removes it from disk.
    await again.save({ id: saved.id, draft: draft({ name: 'Saved' }), savePassword: false })
    expect(await secrets().get(saved.id)).toBeUndefined()
  })
})

describe('when the server goes away, open connections recover by themselves', () => {
  it('survives a server restart: a running query reports conn/lost, "reconnecting", then queries work again without user action', async () => {
    const { service, query, changes, summaryOf } = newService()
    const p = await service.save({ draft: draft({ name: 'Restart' }), password: role.password, savePassword: false })
    await service.open(p.id)
    expect((await query.run({ connectionId: p.id, sql: 'select 1 as one', maxRows: 1 })).rows).toEqual([[1]])

    // Settled at once into a value, so its rejection is not "unhandled" while the server stops.
    const longQuery = query.run({ connectionId: p.id, sql: 'select pg_sleep(30)', maxRows: 1 }).then(
      () => null,
      (error: unknown) => error
    )
    await until(() => summaryOf(p.id).pool!, (pool) => pool.idle === 0)
    await server.cluster.stop()
    expect(await longQuery).toMatchObject({ data: { code: 'conn/lost', sqlstate: '57P01', message: `The connection to 127.0.0.1:${server.port} was lost.` } })
    await until(() => summaryOf(p.id).state, (s) => s === 'reconnecting')
    // While it is away, queries say so in words.
    await expect(query.run({ connectionId: p.id, sql: 'select 1', maxRows: 1 })).rejects.toMatchObject({ data: { code: 'conn/refused' } })

    await server.cluster.start()
    await until(() => summaryOf(p.id).state, (s) => s === 'connected')
    expect(summaryOf(p.id)).toMatchObject({ lastError: null, server: { versionNum: expect.any(Number) } })
    expect((await query.run({ connectionId: p.id, sql: 'select 2 as two', maxRows: 1 })).rows).toEqual([[2]])

    const states = changes.map((list) => list.find((c) => c.profile.id === p.id)?.state).filter((s, i, all) => s !== all[i - 1])
    expect(states).toEqual(['closed', 'connecting', 'connected', 'reconnecting', 'connected'])
  })

  it('survives a network drop, and stops waiting when the server then refuses the password', async () => {
    const proxy = new TcpProxy({ host: '127.0.0.1', port: server.port })
    const port = await proxy.listen()
    await server.ensureRole('tusk_drop', 'drop-pw-1')
    const { service, query, summaryOf } = newService()
    const p = await service.save({ draft: draft({ name: 'Flaky', port, user: 'tusk_drop' }), password: 'drop-pw-1', savePassword: false })
    await service.open(p.id)

    await proxy.cut()
    await until(() => summaryOf(p.id).state, (s) => s === 'reconnecting')
    await proxy.listen(port)
    await until(() => summaryOf(p.id).state, (s) => s === 'connected')
    expect((await query.run({ connectionId: p.id, sql: 'select 3', maxRows: 1 })).rows).toEqual([[3]])

    // Down again; meanwhile the password is changed on the server: waiting will not help.
    await proxy.cut()
    await until(() => summaryOf(p.id).state, (s) => s === 'reconnecting')
    await server.ensureRole('tusk_drop', 'drop-pw-2')
    await proxy.listen(port)
    const failed = await until(() => summaryOf(p.id), (s) => s.state === 'failed')
    expect(failed).toMatchObject({ pool: null, lastError: { code: 'conn/wrong-password' } })
    await expect(service.open(p.id, 'drop-pw-2')).resolves.toMatchObject({ state: 'connected' })
    await proxy.cut()
  })

  it('the built-in sandbox profile follows the sandbox server, whose password changes at every start', async () => {
    const { cluster } = server
    // What the app's sandbox service hands over: where it runs, and this start's password.
    const sandbox = {
      ensureReady: async () => {
        if (!cluster.superuserPassword) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
        return { host: '127.0.0.1', port: server.port, database: 'postgres', user: cluster.superuser, password: cluster.superuserPassword }
      }
    }
    const { service, query, summaryOf } = newService({ sandbox })
    expect(service.list()[0]).toMatchObject({ state: 'closed', profile: { id: 'sandbox', name: 'Sandbox', builtIn: true, host: '127.0.0.1' } })
    await expect(service.open('sandbox')).resolves.toMatchObject({ state: 'connected', profile: { port: server.port } })

    // Built in: not deletable, and only the colour and read-only flag can change.
    await expect(service.delete('sandbox')).rejects.toMatchObject({ data: { code: 'conn/built-in' } })
    const edited = await service.save({ id: 'sandbox', draft: draft({ name: 'Renamed', host: 'elsewhere', colorTag: 'purple' }), savePassword: false })
    expect(edited).toMatchObject({ name: 'Sandbox', host: '127.0.0.1', colorTag: 'purple', builtIn: true })

    const before = cluster.superuserPassword
    await cluster.stop()
    await until(() => summaryOf('sandbox').state, (s) => s === 'reconnecting')
    await cluster.start()
    expect(cluster.superuserPassword).not.toBe(before)
    await until(() => summaryOf('sandbox').state, (s) => s === 'connected')
    expect((await query.run({ connectionId: 'sandbox', sql: 'select current_user::text', maxRows: 1 })).rows).toEqual([['postgres']])
  })

  it('notices a network that silently swallows packets, and recovers on fresh sessions when it heals', async () => {
    const proxy = new TcpProxy({ host: '127.0.0.1', port: server.port })
    const port = await proxy.listen()
    const { service, query, summaryOf } = newService({ heartbeatMs: 200, connectTimeoutMs: 800 })
    const p = await service.save({ draft: draft({ name: 'Silent', port }), password: role.password, savePassword: false })
    await service.open(p.id)

    proxy.blackhole()
    // No socket error ever comes: the keep-alive query going unanswered is the only sign.
    const away = await until(() => summaryOf(p.id), (s) => s.state === 'reconnecting')
    expect(away.lastError).toMatchObject({ code: 'conn/timeout' })
    proxy.heal()
    await until(() => summaryOf(p.id).state, (s) => s === 'connected')
    expect((await query.run({ connectionId: p.id, sql: 'select 4', maxRows: 1 })).rows).toEqual([[4]])
    await service.close(p.id)
    await proxy.cut()
  })
})
