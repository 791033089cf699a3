/**
 * A profile (plus its password) as node-postgres configuration.
 *
 * Every session Tusk opens names itself `Tusk`, carries the profile's
 * statement_timeout, and is read-only at the server when the profile says so
 * (`default_transaction_read_only` in the startup options), so no code path
 * that takes a client from the pool can forget it.
 */
import { readFileSync } from 'node:fs'
import type { ClientConfig } from 'pg'
import { applicationName, type ConnectionDraft } from '@shared/connections/connection-profile'
import { AppError } from '@shared/base/app-error'

export type SslChoice = false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined }

/** A password, or how to get the current one at each new session (it may change while a pool lives). */
export type PasswordSource = string | undefined | (() => Promise<string | undefined>)

export const defaultConnectTimeoutMs = 10_000

/**
 * libpq's sslmode as node-postgres `ssl` options.
 *
 * node-postgres has no "prefer": the caller tries `sslFor(draft, true)` and,
 * when the server does not speak SSL, `sslFor(draft, false)`.
 */
export function sslFor(draft: Pick<ConnectionDraft, 'sslMode' | 'sslRootCertPath'>, preferSsl = true): SslChoice {
  switch (draft.sslMode) {
    case 'disable':
      return false
    case 'prefer':
      return preferSsl ? { rejectUnauthorized: false } : false
    case 'require':
      return { rejectUnauthorized: false }
    case 'verify-ca':
    case 'verify-full': {
      // Without a CA file the system's trusted CAs apply (servers with a public certificate).
      const ca = draft.sslRootCertPath ? readCa(draft.sslRootCertPath) : undefined
      const base = { rejectUnauthorized: true, ...(ca ? { ca } : {}) }
      // verify-ca checks the chain but not the host name, as libpq does.
      return draft.sslMode === 'verify-ca' ? { ...base, checkServerIdentity: () => undefined } : base
    }
  }
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read'
    throw new AppError({
      code: 'conn/ssl-ca-unreadable',
      message: `The CA certificate file ${file} ${reason}.`,
      hint: 'Choose the PEM file of the certificate authority that signed the server certificate.',
      detail: (error as Error).message
    })
  }
}

export function clientConfig(
  draft: ConnectionDraft,
  password: PasswordSource,
  options: { ssl: SslChoice; connectTimeoutMs?: number; applicationName?: string }
): ClientConfig {
  const settings: string[] = []
  if (draft.readOnly) settings.push('-c default_transaction_read_only=on')
  if (draft.statementTimeoutMs > 0) settings.push(`-c statement_timeout=${draft.statementTimeoutMs}`)
  return {
    host: draft.host,
    port: draft.port,
    database: draft.database,
    user: draft.user,
    // pg calls a function at every new session; undefined then means "no password"
    // (the server's request for one is reported as conn/no-password).
    password: password as ClientConfig['password'],
    ssl: options.ssl,
    application_name: options.applicationName ?? applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {})
  }
}
