import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'
import { defaultConnectionDraft, type ConnectionDraft } from '@shared/connections/connection-profile'
import { clientConfig, sslFor } from '../../../electron/core/services/connections/client-config'

const dir = tempDir('ca')
const caFile = path.join(dir, 'ca.pem')
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')

const draft = (overrides: Partial<ConnectionDraft> = {}): ConnectionDraft => ({ ...defaultConnectionDraft, name: 'x', ...overrides })

describe('sslmode as node-postgres options', () => {
  it('disable is plain TCP; require encrypts without checking; prefer tries SSL first, then plain', () => {
    expect(sslFor(draft({ sslMode: 'disable' }))).toBe(false)
    expect(sslFor(draft({ sslMode: 'require' }))).toEqual({ rejectUnauthorized: false })
    expect(sslFor(draft({ sslMode: 'prefer' }), true)).toEqual({ rejectUnauthorized: false })
    expect(sslFor(draft({ sslMode: 'prefer' }), false)).toBe(false)
  })

  it('verify-ca checks the chain against the CA file but not the host name; verify-full checks both', () => {
    const ca = sslFor(draft({ sslMode: 'verify-ca', sslRootCertPath: caFile }))
    expect(ca).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') })
    expect(ca && ca.checkServerIdentity?.()).toBeUndefined()
    expect(ca && typeof ca.checkServerIdentity).toBe('function')
    const full = sslFor(draft({ sslMode: 'verify-full', sslRootCertPath: caFile }))
    expect(full).toMatchObject({ rejectUnauthorized: true, ca: expect.any(String) })
    expect(full && 'checkServerIdentity' in full).toBe(false)
  })

  it('names a missing CA file instead of failing obscurely', () => {
    expect(() => sslFor(draft({ sslMode: 'verify-full', sslRootCertPath: path.join(dir, 'nope.pem') }))).toThrow(/nope\.pem does not exist/)
  })
})

describe('every session Tusk opens', () => {
  it('says it is Tusk, carries the statement timeout, and is read-only at the server when asked', () => {
    const config = clientConfig(draft({ readOnly: true, statementTimeoutMs: 5000 }), 'pw', { ssl: false })
    expect(config).toMatchObject({ application_name: 'Tusk', options: '-c default_transaction_read_only=on -c statement_timeout=5000', connectionTimeoutMillis: 10_000, keepAlive: true })
  })

  it('adds no options when there is nothing to set', () => {
    expect(clientConfig(draft(), undefined, { ssl: false }).options).toBeUndefined()
  })
})
