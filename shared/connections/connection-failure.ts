/**
 * Why a connection failed, in words a user can act on.
 *
 * Pure: maps what node-postgres and Node's sockets report (SQLSTATE or errno,
 * message) to a stable code, a message and a hint. Classifying is kept apart
 * from wording so the main process can ask "is the server just away?" (keep
 * reconnecting) without building a message.
 */
import type { AppErrorData } from '../base/app-error'

export interface ConnectionContext {
  host: string
  port: number
  database: string
  user: string
  sslMode: string
}

/** What a pg or Node error looks like from here; AggregateError (several addresses tried) carries `errors`. */
export interface DriverError {
  code?: string
  message?: string
  errors?: unknown[]
  cause?: unknown
}

export const connectionFailureCodes = {
  wrongPassword: 'conn/wrong-password',
  noPassword: 'conn/no-password',
  unknownDatabase: 'conn/unknown-database',
  unknownRole: 'conn/unknown-role',
  refused: 'conn/refused',
  unreachable: 'conn/unreachable',
  unknownHost: 'conn/unknown-host',
  timeout: 'conn/timeout',
  sslRequired: 'conn/ssl-required',
  sslRefused: 'conn/ssl-refused',
  sslVerifyFailed: 'conn/ssl-verify-failed',
  tooManyConnections: 'conn/too-many-connections',
  /** Every client of the pool stayed busy for the whole connect timeout. */
  poolBusy: 'conn/pool-busy',
  notAllowed: 'conn/not-allowed',
  lost: 'conn/lost',
  startingUp: 'conn/starting-up',
  other: 'conn/failed'
} as const
export type ConnectionFailureCode = (typeof connectionFailureCodes)[keyof typeof connectionFailureCodes]

const c = connectionFailureCodes

/** Failures that say "the server is away for now": a session keeps retrying through them. */
const unavailableCodes: ReadonlySet<ConnectionFailureCode> = new Set([c.lost, c.refused, c.unreachable, c.unknownHost, c.timeout, c.startingUp])

const lostCodes = new Set(['57P01', '57P02', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', '08006', '08003'])
const lostMessage = /Connection terminated|terminating connection|server closed the connection|Client has encountered a connection error|Connection ended unexpectedly|socket hang up/i
const timeoutMessage = /timeout expired|due to connection timeout|timed out/i
const certificateCodes = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|ERR_TLS_CERT_ALTNAME_INVALID|CERT_\w+)$/

/** The code that matters: the error's own, else that of the first address tried, else its cause's. */
function codeOf(error: DriverError): string {
  if (error.code) return error.code
  const first = error.errors?.[0] as DriverError | undefined
  if (first?.code) return first.code
  const cause = error.cause as DriverError | undefined
  return cause && typeof cause === 'object' && cause.code ? cause.code : ''
}

function messageOf(error: DriverError): string {
  if (error.message) return error.message
  const first = error.errors?.[0] as DriverError | undefined
  return first?.message ?? 'Unknown error'
}

/** True when a session's connection went away (server restart, network drop), as opposed to a failed statement. */
export function isConnectionLost(error: DriverError): boolean {
  return lostCodes.has(codeOf(error)) || lostMessage.test(messageOf(error))
}

export function classifyConnectionFailure(error: DriverError): ConnectionFailureCode {
  const code = codeOf(error)
  const raw = messageOf(error)
  if (code === '28P01') return c.wrongPassword
  if (/client password must be a string|password must be a string/i.test(raw)) return c.noPassword
  if (code === '3D000') return c.unknownDatabase
  if (code === '28000' && /role .* does not exist/i.test(raw)) return c.unknownRole
  // PostgreSQL 14+ says "no encryption", older servers "SSL off".
  if (code === '28000' && /no encryption|SSL off/i.test(raw)) return c.sslRequired
  if (code === '28000') return c.notAllowed
  if (code === '53300') return c.tooManyConnections
  if (code === '57P03') return c.startingUp
  if (/does not support SSL/i.test(raw)) return c.sslRefused
  if (certificateCodes.test(code) || /self[- ]signed certificate|unable to verify|unable to get (local )?issuer|certificate|Hostname\/IP does not match/i.test(raw)) return c.sslVerifyFailed
  // A Unix socket file that is not there is the socket's way of saying "refused".
  if (code === 'ECONNREFUSED' || (code === 'ENOENT' && /^connect /.test(raw))) return c.refused
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return c.unknownHost
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'EADDRNOTAVAIL') return c.unreachable
  // node-postgres says "Connection terminated due to connection timeout": a timeout, not a lost session.
  if (code === 'ETIMEDOUT' || timeoutMessage.test(raw)) return c.timeout
  if (/timeout exceeded when trying to connect/i.test(raw)) return c.poolBusy
  if (isConnectionLost(error)) return c.lost
  return c.other
}

/** The server is away (down, restarting, unreachable) rather than refusing us: worth retrying by itself. */
export function isServerUnavailable(error: DriverError): boolean {
  return unavailableCodes.has(classifyConnectionFailure(error))
}

export function describeConnectionFailure(error: DriverError, ctx: ConnectionContext): AppErrorData {
  const code = codeOf(error)
  const raw = messageOf(error)
  const where = ctx.host.startsWith('/') ? `the socket in ${ctx.host} (port ${ctx.port})` : `${ctx.host}:${ctx.port}`
  const make = (appCode: ConnectionFailureCode, message: string, hint?: string): AppErrorData => ({
    code: appCode,
    message,
    ...(hint ? { hint } : {}),
    ...(/^[0-9A-Z]{5}$/.test(code) ? { sqlstate: code } : {}),
    detail: raw
  })

  const kind = classifyConnectionFailure(error)
  switch (kind) {
    case c.wrongPassword:
      return make(kind, `Password authentication failed for user "${ctx.user}".`, 'Check the password; it is case-sensitive.')
    case c.noPassword:
      return make(kind, `The server asks for a password for user "${ctx.user}".`, 'Type the password, or save it with the connection.')
    case c.unknownDatabase:
      return make(kind, `Database "${ctx.database}" does not exist on ${where}.`, 'Check the database name, or connect to "postgres" to list the databases.')
    case c.unknownRole:
      return make(kind, `User "${ctx.user}" does not exist on ${where}.`, 'Check the user name; PostgreSQL role names are case-sensitive when quoted.')
    case c.sslRequired:
      return make(kind, `The server at ${where} requires an SSL connection.`, 'Set SSL mode to "require" (or verify-ca / verify-full with the CA file).')
    case c.notAllowed:
      return make(kind, `The server at ${where} does not allow this connection (pg_hba.conf).`, 'Ask the server administrator to allow your host, user and database.')
    case c.tooManyConnections:
      return make(kind, tooManyConnectionsMessage(raw, ctx, where), 'Close idle sessions or lower the pool size of your connections, then try again.')
    case c.startingUp:
      return make(kind, `The server at ${where} is starting up or shutting down.`, 'Try again in a few seconds.')
    case c.sslRefused:
      return make(
        kind,
        `The server at ${where} does not accept SSL connections.`,
        ctx.sslMode === 'prefer' ? 'Tusk falls back to an unencrypted connection with SSL mode "prefer".' : 'Set SSL mode to "prefer" or "disable" for this server, or enable ssl on the server.'
      )
    case c.sslVerifyFailed:
      return make(
        kind,
        `The server's certificate could not be verified (SSL mode ${ctx.sslMode}): ${raw}.`,
        /altnames|Hostname\/IP/i.test(raw)
          ? 'The certificate is for another host name: connect with the name it was issued to, or use verify-ca.'
          : 'Give the CA certificate file that signed the server certificate, or use SSL mode "require" to encrypt without verifying.'
      )
    case c.refused:
      return make(kind, `Nothing accepts connections at ${where}.`, 'Is the server running, and listening on this host and port?')
    case c.unknownHost:
      return make(kind, `The host name "${ctx.host}" cannot be resolved.`, 'Check the host name for typos, and your network or VPN.')
    case c.unreachable:
      return make(kind, `The host ${ctx.host} cannot be reached from here.`, 'Check the network, VPN or firewall.')
    case c.timeout:
      return make(kind, `The server at ${where} did not answer in time.`, 'Check the host and port, and whether a firewall silently drops the connection.')
    case c.poolBusy:
      return make(kind, `Every connection of this pool to ${where} stayed busy, so the query could not start.`, 'Wait for running queries to finish, or raise the pool size of this connection.')
    case c.lost:
      return make(kind, `The connection to ${where} was lost.`, 'Tusk reconnects by itself when the server is back.')
    default:
      return make(c.other, `Could not connect to ${where}: ${raw}`)
  }
}

function tooManyConnectionsMessage(raw: string, ctx: ConnectionContext, where: string): string {
  if (/for role/i.test(raw)) return `User "${ctx.user}" has reached its connection limit on ${where}.`
  if (/for database/i.test(raw)) return `Database "${ctx.database}" has reached its connection limit on ${where}.`
  return `The server at ${where} has no free connection slots (max_connections reached).`
}
