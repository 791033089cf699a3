/**
 * postgres:// URLs to connection drafts and back, as libpq reads them.
 *
 * Pure: used by the renderer's "Import from URL" box and by tests. The password,
 * when the URL carries one, is returned apart so it never lands in a profile.
 */
import { defaultConnectionDraft, sslModes, type ConnectionDraft, type SslMode } from './connection-profile'

export interface ParsedConnectionUrl {
  draft: ConnectionDraft
  password?: string
}

export class ConnectionUrlError extends Error {}

export function parseConnectionUrl(input: string): ParsedConnectionUrl {
  const text = input.trim()
  if (!/^postgres(ql)?:\/\//i.test(text)) {
    throw new ConnectionUrlError('A connection URL starts with postgres:// or postgresql://')
  }
  let url: URL
  try {
    // WHATWG URL only parses known schemes' hosts well: parse as http with the same rest.
    url = new URL(text.replace(/^postgres(ql)?:\/\//i, 'http://'))
  } catch {
    throw new ConnectionUrlError('This URL cannot be read: check for unescaped characters such as @, : or / in the password')
  }
  const host = decodeURIComponent(url.hostname.replace(/^\[(.*)\]$/, '$1')) || defaultConnectionDraft.host
  const port = url.port ? Number(url.port) : defaultConnectionDraft.port
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || defaultConnectionDraft.database
  const user = decodeURIComponent(url.username) || defaultConnectionDraft.user
  const params = url.searchParams
  const sslParam = params.get('sslmode')
  if (sslParam !== null && sslParam !== 'allow' && !sslModes.includes(sslParam as SslMode)) {
    throw new ConnectionUrlError(`Unknown sslmode "${sslParam}": use one of ${sslModes.join(', ')}`)
  }
  const draft: ConnectionDraft = {
    ...defaultConnectionDraft,
    name: `${user}@${host}/${database}`,
    host,
    port,
    database,
    user,
    // libpq's "allow" is closest to our "prefer" (try one, fall back to the other).
    sslMode: sslParam === null ? defaultConnectionDraft.sslMode : sslParam === 'allow' ? 'prefer' : (sslParam as SslMode)
  }
  const rootCert = params.get('sslrootcert')
  if (rootCert) draft.sslRootCertPath = rootCert
  const timeout = statementTimeoutFromOptions(params.get('options'))
  if (timeout !== null) draft.statementTimeoutMs = timeout
  const password = url.password ? decodeURIComponent(url.password) : undefined
  return password === undefined ? { draft } : { draft, password }
}

/** The URL of a profile for display and copying: never with its password. */
export function formatConnectionUrl(draft: Pick<ConnectionDraft, 'host' | 'port' | 'database' | 'user' | 'sslMode'>): string {
  const host = draft.host.includes(':') ? `[${draft.host}]` : draft.host
  return `postgres://${encodeURIComponent(draft.user)}@${host}:${draft.port}/${encodeURIComponent(draft.database)}?sslmode=${draft.sslMode}`
}

/** `options=-c statement_timeout=5000` → 5000 (ms); plain numbers are milliseconds. */
function statementTimeoutFromOptions(options: string | null): number | null {
  const match = options?.match(/statement_timeout\s*=\s*(\d+)\s*(ms|s|min)?/)
  if (!match) return null
  const value = Number(match[1])
  const unit = match[2] ?? 'ms'
  return unit === 's' ? value * 1000 : unit === 'min' ? value * 60_000 : value
}
