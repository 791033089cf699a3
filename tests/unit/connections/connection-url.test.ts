import { describe, expect, it } from 'vitest'
import { formatConnectionUrl, parseConnectionUrl } from '../../../shared/connections/connection-url'

describe('connection URLs', () => {
  it('fills every field a URL carries and keeps the password apart', () => {
    const { draft, password } = parseConnectionUrl('postgresql://alice:s%40cret%2F1@db.example.com:6543/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem')
    expect(draft).toMatchObject({ host: 'db.example.com', port: 6543, database: 'shop', user: 'alice', sslMode: 'verify-full', sslRootCertPath: '/etc/ca.pem' })
    expect(password).toBe('s@cret/1')
    expect(JSON.stringify(draft)).not.toContain('s@cret')
  })

  it('uses libpq defaults for what is missing', () => {
    const { draft, password } = parseConnectionUrl('postgres://localhost')
    expect(draft).toMatchObject({ host: 'localhost', port: 5432, database: 'postgres', user: 'postgres', sslMode: 'prefer' })
    expect(password).toBeUndefined()
  })

  it('reads IPv6 hosts and a statement_timeout from options', () => {
    const { draft } = parseConnectionUrl('postgres://bob@[::1]:5433/app?options=-c%20statement_timeout%3D5s')
    expect(draft).toMatchObject({ host: '::1', port: 5433, user: 'bob', statementTimeoutMs: 5000 })
  })

  it.each([
    ['mysql://root@localhost/db', /starts with postgres/],
    ['postgres://u@h/db?sslmode=maybe', /Unknown sslmode "maybe"/],
    ['postgres://u:p@h:99999/db', /cannot be read/]
  ])('explains what is wrong with %s', (url, message) => {
    expect(() => parseConnectionUrl(url)).toThrow(message)
  })

  it('formats a profile back to a URL without any password', () => {
    expect(formatConnectionUrl({ host: '::1', port: 5433, database: 'my db', user: 'bob', sslMode: 'require' })).toBe('postgres://bob@[::1]:5433/my%20db?sslmode=require')
  })
})
