import { describe, expect, it } from 'vitest'
import { classifyConnectionFailure, describeConnectionFailure, isConnectionLost, isServerUnavailable } from '@shared/connections/connection-failure'

const ctx = { host: 'db.example.com', port: 5432, database: 'shop', user: 'alice', sslMode: 'prefer' }

describe('connection failure messages', () => {
  it.each([
    [{ code: '28P01', message: 'password authentication failed for user "alice"' }, 'conn/wrong-password', 'Password authentication failed for user "alice".'],
    [{ message: 'SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string' }, 'conn/no-password', 'The server asks for a password for user "alice".'],
    [{ code: '3D000', message: 'database "shop" does not exist' }, 'conn/unknown-database', 'Database "shop" does not exist on db.example.com:5432.'],
    [{ code: '28000', message: 'role "alice" does not exist' }, 'conn/unknown-role', 'User "alice" does not exist on db.example.com:5432.'],
    [{ code: '53300', message: 'too many connections for role "alice"' }, 'conn/too-many-connections', 'User "alice" has reached its connection limit on db.example.com:5432.'],
    [{ code: '53300', message: 'sorry, too many clients already' }, 'conn/too-many-connections', /no free connection slots \(max_connections reached\)/],
    [{ code: '28000', message: 'no pg_hba.conf entry for host "1.2.3.4", user "alice", database "shop", no encryption' }, 'conn/ssl-required', /requires an SSL connection/],
    [{ code: '28000', message: 'no pg_hba.conf entry for host "1.2.3.4", user "alice", database "shop", SSL off' }, 'conn/ssl-required', /requires an SSL connection/],
    [{ code: '28000', message: 'no pg_hba.conf entry for host "1.2.3.4", user "alice", database "shop", SSL encryption' }, 'conn/not-allowed', /does not allow this connection/],
    [{ message: 'The server does not support SSL connections' }, 'conn/ssl-refused', 'The server at db.example.com:5432 does not accept SSL connections.'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'conn/ssl-verify-failed', /could not be verified/],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }, 'conn/ssl-verify-failed', /could not be verified/],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'conn/refused', 'Nothing accepts connections at db.example.com:5432.'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'conn/unknown-host', 'The host name "db.example.com" cannot be resolved.'],
    [{ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH' }, 'conn/unreachable', 'The host db.example.com cannot be reached from here.'],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, 'conn/timeout', /did not answer in time/],
    [{ message: 'timeout expired' }, 'conn/timeout', /did not answer in time/],
    [{ message: 'Connection terminated due to connection timeout' }, 'conn/timeout', /did not answer in time/],
    [{ message: 'timeout exceeded when trying to connect' }, 'conn/pool-busy', /stayed busy/],
    [{ code: '57P03', message: 'the database system is starting up' }, 'conn/starting-up', /starting up/],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'conn/lost', 'The connection to db.example.com:5432 was lost.'],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, 'conn/lost', /was lost/],
    [{ message: 'Connection terminated unexpectedly' }, 'conn/lost', /was lost/],
    [{ code: 'XX000', message: 'something odd' }, 'conn/failed', 'Could not connect to db.example.com:5432: something odd']
  ])('%o → %s', (error, code, message) => {
    const described = describeConnectionFailure(error, ctx)
    expect(described.code).toBe(code)
    expect(described.message).toMatch(message)
    // Every failure says what to do next, except the catch-all.
    if (code !== 'conn/failed') expect(described.hint).toBeTruthy()
    // The driver's own words stay available as detail.
    expect(described.detail).toBe(error.message)
  })

  it('keeps the SQLSTATE of server errors, and only those', () => {
    expect(describeConnectionFailure({ code: '28P01', message: 'x' }, ctx).sqlstate).toBe('28P01')
    expect(describeConnectionFailure({ code: 'ECONNREFUSED', message: 'x' }, ctx).sqlstate).toBeUndefined()
  })

  it('reads the code of an AggregateError (every address of a host refused)', () => {
    const aggregate = { message: '', errors: [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1:5432' }, { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }] }
    const described = describeConnectionFailure(aggregate, ctx)
    expect(described.code).toBe('conn/refused')
    expect(described.detail).toBe('connect ECONNREFUSED ::1:5432')
  })

  it('names a Unix socket directory as such, and a missing socket as refused', () => {
    const described = describeConnectionFailure({ code: 'ENOENT', message: 'connect ENOENT /run/postgresql/.s.PGSQL.5432' }, { ...ctx, host: '/run/postgresql' })
    expect(described).toMatchObject({ code: 'conn/refused', message: 'Nothing accepts connections at the socket in /run/postgresql (port 5432).' })
  })

  it('suggests the fix that fits the SSL mode', () => {
    const refused = { message: 'The server does not support SSL connections' }
    expect(describeConnectionFailure(refused, { ...ctx, sslMode: 'require' }).hint).toMatch(/"prefer" or "disable"/)
    const altName = { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list" }
    expect(describeConnectionFailure(altName, { ...ctx, sslMode: 'verify-full' }).hint).toMatch(/verify-ca/)
  })

  it('tells a lost connection from a failed query', () => {
    expect(isConnectionLost({ message: 'Connection terminated unexpectedly' })).toBe(true)
    expect(isConnectionLost({ code: 'ECONNRESET' })).toBe(true)
    expect(isConnectionLost({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true)
    expect(isConnectionLost({ code: '42P01', message: 'relation "x" does not exist' })).toBe(false)
    expect(isConnectionLost({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(false)
  })

  it('knows which failures are worth waiting out (server away) and which need the user', () => {
    for (const away of [{ code: 'ECONNREFUSED' }, { code: '57P01' }, { code: '57P03' }, { message: 'Connection terminated unexpectedly' }, { code: 'ETIMEDOUT' }, { code: 'EHOSTUNREACH' }, { code: 'EAI_AGAIN' }]) {
      expect(isServerUnavailable(away), JSON.stringify(away)).toBe(true)
    }
    for (const final of [{ code: '28P01' }, { code: '3D000' }, { code: '28000', message: 'no encryption' }, { message: 'self-signed certificate' }, { code: '42601' }]) {
      expect(isServerUnavailable(final), JSON.stringify(final)).toBe(false)
    }
    expect(classifyConnectionFailure({ code: '42601', message: 'syntax error' })).toBe('conn/failed')
  })
})
