import { z } from 'zod'
import { idSchema } from '../base/id-input'

export const sslModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const
export const sslModeSchema = z.enum(sslModes)
export type SslMode = z.infer<typeof sslModeSchema>

export const colorTags = ['none', 'red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const
export const colorTagSchema = z.enum(colorTags)
export type ColorTag = z.infer<typeof colorTagSchema>

/** What the user edits: everything about a connection except its secret. */
export const connectionDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the connection a name').max(200),
  host: z.string().trim().min(1, 'Host is required').max(255),
  port: z.number().int().min(1).max(65535),
  database: z.string().trim().min(1, 'Database is required').max(63),
  user: z.string().trim().min(1, 'User is required').max(63),
  sslMode: sslModeSchema,
  /** Path of a CA certificate file, for verify-ca / verify-full. */
  sslRootCertPath: z.string().max(4096).optional(),
  /** Milliseconds; 0 means no limit. */
  statementTimeoutMs: z.number().int().min(0).max(24 * 3600 * 1000),
  readOnly: z.boolean(),
  colorTag: colorTagSchema,
  poolMax: z.number().int().min(1).max(100),
  poolIdleTimeoutMs: z.number().int().min(1000).max(3600 * 1000)
})
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>

export const connectionProfileSchema = connectionDraftSchema.extend({
  id: idSchema,
  /** True for the built-in sandbox; it cannot be deleted or edited. */
  builtIn: z.boolean(),
  /** Whether a password is kept for this profile (never the password itself). */
  hasSavedPassword: z.boolean()
})
export type ConnectionProfile = z.infer<typeof connectionProfileSchema>

export const defaultConnectionDraft: ConnectionDraft = {
  name: '',
  host: 'localhost',
  port: 5432,
  database: 'postgres',
  user: 'postgres',
  sslMode: 'prefer',
  statementTimeoutMs: 0,
  readOnly: false,
  colorTag: 'none',
  poolMax: 5,
  poolIdleTimeoutMs: 30_000
}

/** Every connection Tusk opens says who it is, so DBAs can find it in pg_stat_activity. */
export const applicationName = 'Tusk'
