/**
 * postgres:// URLs to connection drafts and back, as libpq reads them.
 *
 * Pure: used by the renderer's "Import from URL" box and by tests. The password,
 * when the URL carries one, is returned apart so it never lands in a profile.
 *
 * Parsed by hand rather than with WHATWG `URL`: that parser treats an empty
 * host (`postgres:///db`) and odd ports its own way, and cannot say *what* is
 * wrong with a URL, which is the whole point of the import box.
 */
import { connectionDraftSchema, defaultConnectionDraft, sslModes, type ConnectionDraft, type SslMode } from './connection-profile'

export interface ParsedConnectionUrl {
  draft: ConnectionDraft
  password?: string
  /** Query parameters Tusk does not use (application_name, connect_timeout…), so the UI can say they were ignored. */
  ignored: string[]
}

export class ConnectionUrlError extends Error {
  override readonly name = 'ConnectionUrlError'
}

export function parseConnectionUrl(input: string): ParsedConnectionUrl {
  const text = input.trim()
  const scheme = /^postgres(?:ql)?:\/\//i.exec(text)
  if (!scheme) throw new ConnectionUrlError('A connection URL starts with postgres:// or postgresql://')

  let rest = text.slice(scheme[0].length)
  const hashAt = rest.indexOf('#')
  if (hashAt !== -1) rest = rest.slice(0, hashAt)
  const queryAt = rest.indexOf('?')
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1)
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt)
  const slashAt = beforeQuery.indexOf('/')
  const authority = slashAt === -1 ? beforeQuery : beforeQuery.slice(0, slashAt)
  const pathPart = slashAt === -1 ? '' : beforeQuery.slice(slashAt + 1)

  // The last @ separates user info from the host, so an unescaped @ in a password still works.
  const atAt = authority.lastIndexOf('@')
  const userInfo = atAt === -1 ? null : authority.slice(0, atAt)
  const hostPort = atAt === -1 ? authority : authority.slice(atAt + 1)

  let user: string | undefined
  let password: string | undefined
  if (userInfo !== null) {
    const colonAt = userInfo.indexOf(':')
    user = decode(colonAt === -1 ? userInfo : userInfo.slice(0, colonAt), 'user name') || undefined
    if (colonAt !== -1) password = decode(userInfo.slice(colonAt + 1), 'password')
  }

  let { host, port } = splitHostPort(hostPort)
  let database = pathPart === '' ? undefined : decode(pathPart, 'database name')
  let sslMode: SslMode = defaultConnectionDraft.sslMode
  let sslRootCertPath: string | undefined
  let statementTimeoutMs: number | undefined
  let readOnly: boolean | undefined
  const ignored: string[] = []

  for (const pair of query.split('&')) {
    if (pair === '') continue
    const equalsAt = pair.indexOf('=')
    if (equalsAt === -1) throw new ConnectionUrlError(`The URL parameter "${pair}" has no value: write it as name=value`)
    const name = decode(pair.slice(0, equalsAt), 'parameter name')
    const value = decode(pair.slice(equalsAt + 1), `value of ${name}`)
    switch (name) {
      case 'sslmode':
        sslMode = sslModeOf(value)
        break
      case 'sslrootcert':
        sslRootCertPath = value || undefined
        break
      case 'host':
        host = value || host
        break
      case 'port':
        port = portOf(value)
        break
      case 'user':
        user = value || user
        break
      case 'dbname':
        database = value || database
        break
      case 'password':
        password = value
        break
      case 'options': {
        const settings = readOptions(value)
        statementTimeoutMs = settings.statementTimeoutMs ?? statementTimeoutMs
        readOnly = settings.readOnly ?? readOnly
        ignored.push(...settings.ignored.map((setting) => `options: ${setting}`))
        break
      }
      default:
        // application_name (every session says "Tusk"), connect_timeout, client certificates…
        ignored.push(name)
    }
  }

  if (host.includes(',')) throw new ConnectionUrlError('URLs with several hosts are not supported: make one connection per host')
  const resolvedUser = user ?? defaultConnectionDraft.user
  // As libpq does: no database in the URL means a database named like the user.
  const resolvedDatabase = database ?? resolvedUser
  const candidate: ConnectionDraft = {
    ...defaultConnectionDraft,
    name: `${resolvedUser}@${host}${port === defaultConnectionDraft.port ? '' : `:${port}`}/${resolvedDatabase}`.slice(0, 200),
    host,
    port,
    database: resolvedDatabase,
    user: resolvedUser,
    sslMode,
    ...(sslRootCertPath ? { sslRootCertPath } : {}),
    ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {}),
    ...(readOnly !== undefined ? { readOnly } : {})
  }
  const checked = connectionDraftSchema.safeParse(candidate)
  if (!checked.success) {
    const issue = checked.error.issues[0]!
    throw new ConnectionUrlError(`The URL gives an invalid ${String(issue.path[0] ?? 'value')}: ${issue.message}`)
  }
  return password === undefined ? { draft: checked.data, ignored } : { draft: checked.data, password, ignored }
}

export type UrlFields = Pick<ConnectionDraft, 'host' | 'port' | 'database' | 'user' | 'sslMode'> &
  Partial<Pick<ConnectionDraft, 'sslRootCertPath' | 'statementTimeoutMs' | 'readOnly'>>

/** The URL of a profile for display and copying: never with its password. */
export function formatConnectionUrl(draft: UrlFields): string {
  const params = [`sslmode=${draft.sslMode}`]
  let host = draft.host
  if (host.startsWith('/')) {
    // A Unix socket directory cannot sit in the authority part.
    params.push(`host=${encodeURIComponent(host)}`)
    host = ''
  } else if (host.includes(':')) {
    host = `[${host}]`
  }
  if (draft.sslRootCertPath) params.push(`sslrootcert=${encodeURIComponent(draft.sslRootCertPath)}`)
  const settings: string[] = []
  if (draft.statementTimeoutMs) settings.push(`-c statement_timeout=${draft.statementTimeoutMs}`)
  if (draft.readOnly) settings.push('-c default_transaction_read_only=on')
  if (settings.length > 0) params.push(`options=${encodeURIComponent(settings.join(' '))}`)
  return `postgres://${encodeURIComponent(draft.user)}@${host}:${draft.port}/${encodeURIComponent(draft.database)}?${params.join('&')}`
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new ConnectionUrlError(`The ${what} in this URL has a broken %-escape: write a literal % as %25`)
  }
}

function splitHostPort(hostPort: string): { host: string; port: number } {
  let host: string
  let portText = ''
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    if (close === -1) throw new ConnectionUrlError('An IPv6 address must be closed with "]", as in postgres://[::1]:5432/db')
    host = hostPort.slice(1, close)
    const after = hostPort.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) throw new ConnectionUrlError(`Unexpected "${after}" after the IPv6 address`)
    portText = after.slice(1)
  } else {
    const colonAt = hostPort.lastIndexOf(':')
    host = decode(colonAt === -1 ? hostPort : hostPort.slice(0, colonAt), 'host name')
    portText = colonAt === -1 ? '' : hostPort.slice(colonAt + 1)
  }
  return { host: host || defaultConnectionDraft.host, port: portText === '' ? defaultConnectionDraft.port : portOf(portText) }
}

function portOf(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN
  if (!(port >= 1 && port <= 65535)) throw new ConnectionUrlError(`The port must be a number from 1 to 65535, not "${text}"`)
  return port
}

function sslModeOf(value: string): SslMode {
  if ((sslModes as readonly string[]).includes(value)) return value as SslMode
  // libpq's "allow" is closest to our "prefer" (try one, fall back to the other);
  // "no-verify" is node-postgres's name for encrypting without checking.
  if (value === 'allow') return 'prefer'
  if (value === 'no-verify') return 'require'
  throw new ConnectionUrlError(`Unknown sslmode "${value}": use one of ${sslModes.join(', ')}`)
}

/**
 * The libpq `options` parameter: `-c name=value` settings, spaces escaped with a backslash.
 *
 * Only statement_timeout and default_transaction_read_only map to profile
 * fields; the others are reported as ignored.
 */
function readOptions(options: string): { statementTimeoutMs?: number; readOnly?: boolean; ignored: string[] } {
  const words = options.match(/(?:\\.|\S)+/g)?.map((word) => word.replace(/\\(.)/g, '$1')) ?? []
  const result: { statementTimeoutMs?: number; readOnly?: boolean; ignored: string[] } = { ignored: [] }
  for (let i = 0; i < words.length; i += 1) {
    let setting = words[i]!
    if (setting === '-c') setting = words[(i += 1)] ?? ''
    else if (setting.startsWith('-c')) setting = setting.slice(2)
    else if (setting.startsWith('--')) setting = setting.slice(2)
    else {
      result.ignored.push(setting)
      continue
    }
    const equalsAt = setting.indexOf('=')
    const name = (equalsAt === -1 ? setting : setting.slice(0, equalsAt)).replace(/-/g, '_').toLowerCase()
    const value = equalsAt === -1 ? '' : setting.slice(equalsAt + 1)
    if (name === 'statement_timeout') {
      const ms = durationMs(value)
      if (ms === null) throw new ConnectionUrlError(`statement_timeout "${value}" is not a duration (e.g. 5000, 5s, 2min)`)
      result.statementTimeoutMs = ms
    } else if (name === 'default_transaction_read_only') {
      const flag = booleanSetting(value)
      if (flag === null) throw new ConnectionUrlError(`default_transaction_read_only "${value}" is not on or off`)
      result.readOnly = flag
    } else {
      result.ignored.push(setting)
    }
  }
  return result
}

/** PostgreSQL's time units for statement_timeout; a bare number is milliseconds. */
function durationMs(value: string): number | null {
  const match = /^\s*(\d+)\s*(us|ms|s|min|h|d)?\s*$/.exec(value)
  if (!match) return null
  const factor = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'ms') as 'ms']
  return Math.round(Number(match[1]) * factor)
}

function booleanSetting(value: string): boolean | null {
  const v = value.trim().toLowerCase()
  if (['on', 'true', 'yes', '1', 't', 'y'].includes(v)) return true
  if (['off', 'false', 'no', '0', 'f', 'n'].includes(v)) return false
  return null
}
