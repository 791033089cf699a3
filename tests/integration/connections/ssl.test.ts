/**
 * SSL modes against a real server that only accepts SSL (pg_hba.conf with
 * `hostssl` lines only, a self-signed certificate for "localhost").
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConnectionDraft, type ConnectionDraft } from '@shared/connections/connection-profile'
import { ConnectionService } from '../../../electron/core/services/connections/connection-service'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { QueryService } from '../../../electron/core/services/query/query-service'
import { startThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster'

const role = { user: 'tusk_ssl', password: 'ssl-Secret-7' }
const certDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-ssl-'))
const serverCert = path.join(certDir, 'server.crt')
const otherCa = path.join(certDir, 'other-ca.crt')
let server: ThrowawayCluster
let service: ConnectionService
let serviceDir: string

/** A self-signed certificate (its own CA) for the given names. */
function selfSigned(keyFile: string, certFile: string, subjectAltName: string) {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=localhost', '-addext', `subjectAltName=${subjectAltName}`, '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' }
  )
}

beforeAll(async () => {
  selfSigned(path.join(certDir, 'server.key'), serverCert, 'DNS:localhost')
  selfSigned(path.join(certDir, 'other.key'), otherCa, 'DNS:localhost')
  server = await startThrowawayCluster('connections-ssl', {
    settings: { ssl: 'on' },
    beforeStart: async (dataDir) => {
      for (const name of ['server.key', 'server.crt']) {
        const target = path.join(dataDir, name)
        await fs.copyFile(path.join(certDir, name), target)
        await fs.chmod(target, 0o600)
        if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', target])
      }
    }
  })
  // Only SSL over TCP from now on: the file the cluster wrote at start is replaced and reloaded.
  writeFileSync(path.join(server.dataDir, 'pg_hba.conf'), ['local all all trust', 'hostssl all all 127.0.0.1/32 scram-sha-256', ''].join('\n'))
  await server.sql('select pg_reload_conf()')
  await server.ensureRole(role.user, role.password)
  serviceDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-conn-ssl-'))
  service = new ConnectionService({ dataDir: serviceDir, secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
})

afterAll(async () => {
  await service?.dispose()
  await server?.dispose()
  for (const dir of [certDir, serviceDir]) if (dir) rmSync(dir, { recursive: true, force: true })
})

function draft(overrides: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return { ...defaultConnectionDraft, name: 'ssl', host: '127.0.0.1', port: server.port, database: 'postgres', user: role.user, sslMode: 'require', ...overrides }
}

describe('SSL', () => {
  it('says SSL is required when the profile disables it and the server only accepts SSL', async () => {
    const result = await service.test({ draft: draft({ sslMode: 'disable' }), password: role.password })
    expect(result).toMatchObject({ ok: false, error: { code: 'conn/ssl-required', sqlstate: '28000', message: `The server at 127.0.0.1:${server.port} requires an SSL connection.` } })
  })

  it.each([
    ['require (encrypt, do not verify)', {}],
    ['prefer', { sslMode: 'prefer' as const }],
    ['verify-ca with the right CA, host name not checked', { sslMode: 'verify-ca' as const, sslRootCertPath: serverCert }],
    ['verify-full with the right CA and the certificate\'s host name', { sslMode: 'verify-full' as const, sslRootCertPath: serverCert, host: 'localhost' }]
  ])('connects with sslmode %s', async (_name, overrides) => {
    expect(await service.test({ draft: draft(overrides), password: role.password })).toMatchObject({ ok: true })
  })

  it.each([
    ['verify-full to an address the certificate does not name', { sslMode: 'verify-full' as const, sslRootCertPath: serverCert }, /another host name/],
    ['verify-ca with a CA that did not sign the certificate', { sslMode: 'verify-ca' as const, sslRootCertPath: otherCa }, /CA certificate file/],
    ['verify-ca with no CA file (system CAs do not know a self-signed certificate)', { sslMode: 'verify-ca' as const }, /CA certificate file/]
  ])('refuses %s', async (_name, overrides, hint) => {
    const result = await service.test({ draft: draft(overrides), password: role.password })
    expect(result).toMatchObject({ ok: false, error: { code: 'conn/ssl-verify-failed', message: /certificate could not be verified/, hint } })
  })

  it('says so when the CA file is missing', async () => {
    const result = await service.test({ draft: draft({ sslMode: 'verify-ca', sslRootCertPath: path.join(certDir, 'missing.pem') }), password: role.password })
    expect(result).toMatchObject({ ok: false, error: { code: 'conn/ssl-ca-unreadable', message: /missing\.pem does not exist/ } })
  })

  it('an open connection\'s sessions are encrypted', async () => {
    const p = await service.save({ draft: draft({ name: 'encrypted', sslMode: 'prefer' }), password: role.password, savePassword: false })
    await expect(service.open(p.id)).resolves.toMatchObject({ state: 'connected' })
    const result = await new QueryService({ pools: service }).run({ connectionId: p.id, sql: 'select ssl from pg_stat_ssl where pid = pg_backend_pid()', maxRows: 1 })
    expect(result.rows).toEqual([[true]])
  })
})
