/**
 * First contact with a server: one session, its version, and sslmode "prefer".
 *
 * "Test connection" uses a single client of its own (never a pool), so a test
 * neither needs nor disturbs an open connection.
 */
import pg from 'pg'
import type { ConnectionDraft } from '@shared/connections/connection-profile'
import type { ServerInfo } from '@shared/connections/connection-status'
import { clientConfig, sslFor, type PasswordSource, type SslChoice } from './client-config'

const versionQuery = "select current_setting('server_version') as version, current_setting('server_version_num') as num"

/** server_version and server_version_num, through a pool or a client. */
export async function readServerInfo(queryable: Pick<pg.Pool, 'query'> | pg.ClientBase): Promise<ServerInfo> {
  const result = await queryable.query<{ version: string; num: string }>(versionQuery)
  const row = result.rows[0]!
  // "18.1 (Debian 18.1-1)" → "18.1"
  return { version: row.version.split(' ')[0]!, versionNum: Number(row.num) }
}

/**
 * For sslmode "prefer": did SSL fail in a way where plain TCP may work?
 *
 * Either the server does not speak SSL at all, or its pg_hba.conf has no rule
 * for SSL sessions but may have one without (libpq retries in both cases).
 */
export function shouldRetryWithoutSsl(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return /does not support SSL/i.test(e.message ?? '') || (e.code === '28000' && /SSL (encryption|on)\b/i.test(e.message ?? ''))
}

/** Connect one client, read the server version, disconnect; tries without SSL when "prefer" calls for it. */
export async function connectOnce(draft: ConnectionDraft, password: PasswordSource, connectTimeoutMs: number): Promise<{ server: ServerInfo; ssl: SslChoice }> {
  const attempt = async (ssl: SslChoice) => {
    const client = new pg.Client(clientConfig(draft, password, { ssl, connectTimeoutMs }))
    // A late socket error after a failed connect must not become an uncaught exception.
    client.on('error', () => undefined)
    try {
      await client.connect()
      return { server: await readServerInfo(client), ssl }
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  try {
    return await attempt(sslFor(draft, true))
  } catch (error) {
    if (draft.sslMode === 'prefer' && shouldRetryWithoutSsl(error)) return attempt(false)
    throw error
  }
}

/**
 * The promise, or a timeout error (ETIMEDOUT) after `ms`.
 *
 * A session on a network that silently drops packets never answers and never
 * fails; this is how such a session is noticed.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export function isTimeout(error: unknown): boolean {
  return (error as { code?: string }).code === 'ETIMEDOUT'
}
