/**
 * Why a connection failed, in words a user can act on.
 *
 * Pure: maps what node-postgres and Node's sockets report (SQLSTATE or errno,
 * message) to a stable code, a message and a hint.
 */
import type { AppErrorData } from '../rpc/app-error'

export interface ConnectionContext {
  host: string
  port: number
  database: string
  user: string
  sslMode: string
}

export interface DriverError {
  code?: string
  message?: string
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
  notAllowed: 'conn/not-allowed',
  lost: 'conn/lost',
  startingUp: 'conn/starting-up',
  other: 'conn/failed'
} as const

const lostCodes = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', '08006', '08003'])

export function isConnectionLost(error: DriverError): boolean {
  const message = error.message ?? ''
  return (
    lostCodes.has(error.code ?? '') ||
    /Connection terminated|terminating connection|server closed the connection|Client has encountered a connection error|Connection ended unexpectedly/i.test(message)
  )
}

export function describeConnectionFailure(error: DriverError, ctx: ConnectionContext): AppErrorData {
  const code = error.code ?? ''
  const raw = error.message ?? 'Unknown error'
  const where = `${ctx.host}:${ctx.port}`
  const make = (appCode: string, message: string, hint?: string): AppErrorData => ({
    code: appCode,
    message,
    ...(hint ? { hint } : {}),
    ...(/^[0-9A-Z]{5}$/.test(code) ? { sqlstate: code } : {}),
    detail: raw
  })

  if (code === '28P01') return make(connectionFailureCodes.wrongPassword, `Password authentication failed for user "${ctx.user}".`, 'Check the password; it is case-sensitive.')
  if (/password must be a string|client password must be a string|SASL: SCRAM-SERVER-FIRST-MESSAGE: client password/i.test(raw)) {
    return make(connectionFailureCodes.noPassword, `The server asks a password for user "${ctx.user}".`, 'Type the password, or save it with the connection.')
  }
  if (code === '3D000') return make(connectionFailureCodes.unknownDatabase, `Database "${ctx.database}" does not exist on ${where}.`, 'Check the database name, or connect to "postgres" to list the databases.')
  if (code === '28000' && /role .* does not exist/i.test(raw)) return make(connectionFailureCodes.unknownRole, `User "${ctx.user}" does not exist on ${where}.`)
  if (code === '28000' && /no encryption/i.test(raw)) {
    return make(connectionFailureCodes.sslRequired, `The server at ${where} requires an SSL connection.`, 'Set SSL mode to "require" (or verify-ca / verify-full with the CA file).')
  }
  if (code === '28000') return make(connectionFailureCodes.notAllowed, `The server at ${where} does not allow this connection (pg_hba.conf).`, 'Ask the server administrator to allow your host, user and database.')
  if (code === '53300') return make(connectionFailureCodes.tooManyConnections, `Too many connections on ${where}: ${raw}.`, 'Close idle sessions or lower the pool size; the server or this role has reached its connection limit.')
  if (code === '57P03') return make(connectionFailureCodes.startingUp, `The server at ${where} is starting up or shutting down.`, 'Try again in a few seconds.')
  if (/does not support SSL/i.test(raw)) {
    return make(connectionFailureCodes.sslRefused, `The server at ${where} does not accept SSL connections.`, 'Set SSL mode to "prefer" or "disable" for this server.')
  }
  if (/self[- ]signed certificate|unable to verify|certificate|CERT_|Hostname\/IP does not match/i.test(raw) || /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID|CERT_HAS_EXPIRED)$/.test(code)) {
    return make(connectionFailureCodes.sslVerifyFailed, `The server's certificate could not be verified: ${raw}.`, 'Give the CA certificate file, or use SSL mode "require" to encrypt without verifying.')
  }
  if (code === 'ECONNREFUSED') return make(connectionFailureCodes.refused, `Nothing accepts connections at ${where}.`, 'Is the server running, and listening on this host and port?')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return make(connectionFailureCodes.unknownHost, `The host name "${ctx.host}" cannot be resolved.`, 'Check the host name for typos.')
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return make(connectionFailureCodes.unreachable, `The host ${ctx.host} cannot be reached from here.`, 'Check the network, VPN or firewall.')
  if (code === 'ETIMEDOUT' || /timeout expired|timed out/i.test(raw)) {
    return make(connectionFailureCodes.timeout, `The server at ${where} did not answer in time.`, 'Check the host and port, and whether a firewall drops the connection.')
  }
  if (isConnectionLost(error)) return make(connectionFailureCodes.lost, `The connection to ${where} was lost.`, 'Tusk reconnects by itself when the server is back.')
  return make(connectionFailureCodes.other, `Could not connect to ${where}: ${raw}`)
}
