import { describe, expect, it } from 'vitest'
import { describeConnectionFailure, isConnectionLost } from '../../../shared/connections/connection-failure'

const ctx = { host: 'db.example.com', port: 5432, database: 'shop', user: 'alice', sslMode: 'prefer' }

describe('connection failure messages', () => {
  it.each([
    [{ code: '28P01', message: 'password authentication failed for user "alice"' }, 'conn/wrong-password', 'Password authentication failed for user "alice".'],
    [{ code: '3D000', message: 'database "shop" does not exist' }, 'conn/unknown-database', 'Database "shop" does not exist on db.example.com:5432.'],
    [{ code: '53300', message: 'too many connections for role "alice"' }, 'conn/too-many-connections', /Too many connections/],
    [{ code: '28000', message: 'no pg_hba.conf entry for host "1.2.3.4", user "alice", database "shop", no encryption' }, 'conn/ssl-required', /requires an SSL connection/],
    [{ message: 'The server does not support SSL connections' }, 'conn/ssl-refused', /does not accept SSL/],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'conn/ssl-verify-failed', /could not be verified/],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'conn/refused', 'Nothing accepts connections at db.example.com:5432.'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'conn/unknown-host', /cannot be resolved/],
    [{ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH' }, 'conn/unreachable', /cannot be reached/],
    [{ message: 'timeout expired' }, 'conn/timeout', /did not answer in time/],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'conn/lost', /was lost/]
  ])('%o → %s', (error, code, message) => {
    const described = describeConnectionFailure(error, ctx)
    expect(described.code).toBe(code)
    expect(described.message).toMatch(message)
    // The driver's own words stay available as detail.
    expect(described.detail).toBe(error.message)
  })

  it('keeps the SQLSTATE of server errors', () => {
    expect(describeConnectionFailure({ code: '28P01', message: 'x' }, ctx).sqlstate).toBe('28P01')
    expect(describeConnectionFailure({ code: 'ECONNREFUSED', message: 'x' }, ctx).sqlstate).toBeUndefined()
  })

  it('tells a lost connection from a failed query', () => {
    expect(isConnectionLost({ message: 'Connection terminated unexpectedly' })).toBe(true)
    expect(isConnectionLost({ code: 'ECONNRESET' })).toBe(true)
    expect(isConnectionLost({ code: '42P01', message: 'relation "x" does not exist' })).toBe(false)
  })
})
