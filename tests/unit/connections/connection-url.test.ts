import { describe, expect, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { ConnectionUrlError, formatConnectionUrl, parseConnectionUrl } from '@shared/connections/connection-url'

describe('connection URLs', () => {
  it('fills every field a URL carries and keeps the password apart', () => {
    const { draft, password } = parseConnectionUrl('postgresql://alice:s%40cret%2F1@db.example.com:6543/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem')
    expect(draft).toMatchObject({ host: 'db.example.com', port: 6543, database: 'shop', user: 'alice', sslMode: 'verify-full', sslRootCertPath: '/etc/ca.pem' })
    expect(password).toBe('s@cret/1')
    expect(JSON.stringify(draft)).not.toContain('s@cret')
  })

  it('uses libpq defaults for what is missing, the database defaulting to the user name', () => {
    const bare = parseConnectionUrl('postgres://localhost')
    expect(bare.draft).toMatchObject({ host: 'localhost', port: 5432, database: 'postgres', user: 'postgres', sslMode: 'prefer' })
    expect(bare.password).toBeUndefined()
    expect(parseConnectionUrl('postgres://carol@db/').draft).toMatchObject({ user: 'carol', database: 'carol' })
    expect(parseConnectionUrl('postgres:///app').draft).toMatchObject({ host: 'localhost', database: 'app' })
  })

  it('gives the rest of a profile its usual defaults and a readable name', () => {
    const { draft } = parseConnectionUrl('postgres://bob@db.example.com:5433/app')
    expect(draft).toMatchObject({ name: 'bob@db.example.com:5433/app', colorTag: defaultConnectionDraft.colorTag, poolMax: defaultConnectionDraft.poolMax, readOnly: false })
  })

  it('reads IPv6 hosts and statement_timeout / read-only from options', () => {
    const { draft } = parseConnectionUrl('postgres://bob@[::1]:5433/app?options=-c%20statement_timeout%3D5s%20-c%20default_transaction_read_only%3Don')
    expect(draft).toMatchObject({ host: '::1', port: 5433, user: 'bob', statementTimeoutMs: 5000, readOnly: true })
    expect(parseConnectionUrl('postgres://h/d?options=-cstatement_timeout=2min').draft.statementTimeoutMs).toBe(120_000)
    expect(parseConnectionUrl('postgres://h/d?options=--statement-timeout=250').draft.statementTimeoutMs).toBe(250)
  })

  it('takes libpq query parameters (host, port, user, dbname, password) and a Unix socket directory', () => {
    const { draft, password } = parseConnectionUrl('postgresql:///?host=%2Fvar%2Frun%2Fpostgresql&port=5544&user=dave&dbname=stats&password=pw')
    expect(draft).toMatchObject({ host: '/var/run/postgresql', port: 5544, user: 'dave', database: 'stats' })
    expect(password).toBe('pw')
  })

  it('keeps an unescaped @ in the password (the last @ ends the user info)', () => {
    const { draft, password } = parseConnectionUrl('postgres://eve:p@ss@db:5432/x')
    expect(password).toBe('p@ss')
    expect(draft).toMatchObject({ user: 'eve', host: 'db' })
  })

  it('maps libpq "allow" and node-postgres "no-verify" to the nearest modes', () => {
    expect(parseConnectionUrl('postgres://h/d?sslmode=allow').draft.sslMode).toBe('prefer')
    expect(parseConnectionUrl('postgres://h/d?sslmode=no-verify').draft.sslMode).toBe('require')
  })

  it('ignores application_name (every session says "Tusk") and reports what it ignored', () => {
    const { draft, ignored } = parseConnectionUrl('postgres://h/d?application_name=psql&connect_timeout=3&options=-c%20search_path%3Dapp')
    expect(JSON.stringify(draft)).not.toContain('psql')
    expect(ignored).toEqual(['application_name', 'connect_timeout', 'options: search_path=app'])
  })

  it.each([
    ['mysql://root@localhost/db', /starts with postgres/],
    ['postgres://u@h/db?sslmode=maybe', /Unknown sslmode "maybe"/],
    ['postgres://u:p@h:99999/db', /port must be a number from 1 to 65535, not "99999"/],
    ['postgres://u:p@h:abc/db', /not "abc"/],
    ['postgres://u@h/db?port=0', /not "0"/],
    ['postgres://u:p%zz@h/db', /password in this URL has a broken %-escape/],
    ['postgres://u@[::1/db', /IPv6 address must be closed/],
    ['postgres://u@h1:5432,h2:5432/db', /several hosts/],
    ['postgres://u@h/db?sslmode', /"sslmode" has no value/],
    ['postgres://u@h/db?options=-c%20statement_timeout%3Dsoon', /statement_timeout "soon" is not a duration/],
    [`postgres://u@h/${'d'.repeat(64)}`, /invalid database/]
  ])('explains what is wrong with %s', (url, message) => {
    expect(() => parseConnectionUrl(url)).toThrow(ConnectionUrlError)
    expect(() => parseConnectionUrl(url)).toThrow(message)
  })

  it('formats a profile back to a URL without any password', () => {
    expect(formatConnectionUrl({ host: '::1', port: 5433, database: 'my db', user: 'bob', sslMode: 'require' })).toBe('postgres://bob@[::1]:5433/my%20db?sslmode=require')
  })

  it('round-trips what a profile keeps through format and parse', () => {
    const profile = {
      ...defaultConnectionDraft,
      host: 'db.example.com',
      port: 6000,
      database: 'sales/2024',
      user: 'ann@corp',
      sslMode: 'verify-ca' as const,
      sslRootCertPath: '/etc/ssl/my ca.pem',
      statementTimeoutMs: 30_000,
      readOnly: true
    }
    const url = formatConnectionUrl(profile)
    expect(url).not.toContain('password')
    const { draft, password } = parseConnectionUrl(url)
    expect(password).toBeUndefined()
    expect(draft).toMatchObject({ host: 'db.example.com', port: 6000, database: 'sales/2024', user: 'ann@corp', sslMode: 'verify-ca', sslRootCertPath: '/etc/ssl/my ca.pem', statementTimeoutMs: 30_000, readOnly: true })
    const socket = parseConnectionUrl(formatConnectionUrl({ ...profile, host: '/var/run/postgresql', readOnly: false }))
    expect(socket.draft).toMatchObject({ host: '/var/run/postgresql', readOnly: false })
  })
})
