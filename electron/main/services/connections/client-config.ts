/**
 * A profile (plus its password) as node-postgres configuration.
 *
 * Every session Tusk opens names itself `Tusk`, carries the profile's
 * statement_timeout, and is read-only at the server when the profile says so
 * (`default_transaction_read_only`), so no code path can forget it.
 */
import { readFileSync } from 'node:fs'
import type { ClientConfig } from 'pg'
import { applicationName, type ConnectionDraft } from '../../../../shared/connections/connection-profile'

export type SslChoice = false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined }

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
      const ca = draft.sslRootCertPath ? readFileSync(draft.sslRootCertPath, 'utf8') : undefined
      // verify-ca checks the chain but not the host name, as libpq does.
      return draft.sslMode === 'verify-ca' ? { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined } : { rejectUnauthorized: true, ca }
    }
  }
}

export function clientConfig(
  draft: ConnectionDraft,
  password: string | undefined,
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
    password,
    ssl: options.ssl,
    application_name: options.applicationName ?? applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {})
  }
}
